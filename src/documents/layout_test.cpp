// The A4 layout read back with poppler: the page size, text that pdftotext extracts (Chinese
// included), wrapping within the margins, page breaks and page numbers, and embedded fonts.
#include "documents/layout.hpp"

#include <gtest/gtest.h>

#include "documents/testing.hpp"
#include "testing/example_plan.hpp"

namespace pactum::documents {
namespace {

using testing::pdf_pages;
using testing::pdf_text;
using testing::pdf_text_joined;
using testing::run_on_pdf;

const Instant kNow = pactum::testing::at("2026-12-06T10:00:00+08:00");

std::string render(const Layout& layout) {
  auto pdf = layout.pdf();
  if (!pdf) throw std::runtime_error(pdf.error().message);
  return *pdf;
}

TEST(Layout, PagesAreA4AndTheTextReadsBack) {
  Layout l("标题 Title", "header", kNow);
  l.title("应急预案 Emergency plan");
  l.heading("一、应急联络小组");
  l.paragraph("合作双方各指定至少1名应急联系人。Each party designates an emergency contact.");
  l.key_values({{"键 key", "值 value"}});
  l.table({"列一", "Column 2"}, {{"甲方", "Party A"}}, {0.5, 0.5});
  std::string pdf = render(l);
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf_text_joined(pdf).find("1/1"), std::string::npos) << "the page number";
  std::string info = run_on_pdf(pdf, "pdfinfo {}");
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("标题 Title\n"), std::string::npos) << info;
  std::string text = pdf_text(pdf);
  for (const char* s :
       {"应急预案 Emergency plan", "一、应急联络小组", "合作双方各指定至少1名应急联系人。",
        "Each party designates an emergency contact.", "键 key", "值 value", "列一", "Column 2",
        "甲方", "Party A"}) {
    EXPECT_NE(text.find(s), std::string::npos) << s << "\n" << text;
  }
}

TEST(Layout, FontsAreEmbeddedCidSubsetsOfNotoSansCjk) {
  Layout l("t", "h", kNow);
  l.paragraph("中文 and English");
  l.paragraph("ab12cd34", 0, Font::mono);
  std::string fonts = run_on_pdf(render(l), "pdffonts {}");
  EXPECT_NE(fonts.find("NotoSansCJKsc-Regular"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("NotoSansMonoCJKsc-Regular"), std::string::npos) << fonts;
  // Every font line (after the two header lines) says "emb yes" and is a CID font.
  std::size_t lines = 0;
  std::size_t pos = fonts.find('\n', fonts.find("----")) + 1;
  while (pos < fonts.size()) {
    std::string line = fonts.substr(pos, fonts.find('\n', pos) - pos);
    pos += line.size() + 1;
    if (line.empty()) continue;
    ++lines;
    EXPECT_NE(line.find("CID"), std::string::npos) << line;
    EXPECT_NE(line.find(" yes yes "), std::string::npos) << "embedded, subset: " << line;
  }
  EXPECT_GE(lines, 2u) << fonts;
}

TEST(Layout, ALongChineseLineWrapsWithinTheMarginsAndReadsBackWhole) {
  std::string sentence = "重大技术故障修复后需第三方验收，";  // 16 characters, no spaces
  std::string long_line;
  for (int i = 0; i < 12; ++i) long_line += sentence;
  Layout l("t", "h", kNow);
  l.paragraph(long_line);
  std::string pdf = render(l);
  std::string text = pdf_text(pdf);
  // 192 characters at 10 pt do not fit 48 cm: the line wraps (several lines), and nothing is
  // lost or cut at the margin.
  EXPECT_GE(std::count(text.begin(), text.end(), '\n'), 4) << text;
  EXPECT_NE(pdf_text_joined(pdf).find(long_line), std::string::npos) << text;
  // No line is wider than the text width: pdftotext's bounding boxes stay inside the margins.
  std::string boxes = run_on_pdf(pdf, "pdftotext -bbox {} -");
  std::size_t at = 0;
  while ((at = boxes.find("xMax=\"", at)) != std::string::npos) {
    double x_max = std::stod(boxes.substr(at + 6));
    if (x_max < kPageWidth - 1) {  // the page's own box is the whole width
      EXPECT_LE(x_max, kPageWidth - kMargin + 1);
    }
    at += 6;
  }
}

TEST(Layout, ALongDocumentRunsOnToNumberedPages) {
  Layout l("t", "running header", kNow);
  for (int i = 0; i < 150; ++i)
    l.paragraph("第" + std::to_string(i) + "段 paragraph " + std::to_string(i));
  std::string pdf = render(l);
  int pages = pdf_pages(pdf);
  EXPECT_GE(pages, 3);
  std::string text = pdf_text(pdf);
  std::string joined = pdf_text_joined(pdf);  // pdftotext may drop the spaces around "/"
  EXPECT_NE(joined.find("1/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(joined.find(std::to_string(pages) + "/" + std::to_string(pages)), std::string::npos);
  EXPECT_NE(text.find("running header"), std::string::npos) << "on the pages after the first";
  // Every paragraph is there, in order.
  std::size_t at = 0;
  for (int i = 0; i < 150; ++i) {
    at = text.find("paragraph " + std::to_string(i) + "\n", at);
    ASSERT_NE(at, std::string::npos) << i;
  }
}

TEST(Layout, AParagraphLongerThanAPageContinuesOnTheNext) {
  std::string big;
  for (int i = 0; i < 3000; ++i) big += "字";
  Layout l("t", "h", kNow);
  l.paragraph(big);
  std::string pdf = render(l);
  EXPECT_GE(pdf_pages(pdf), 2);
  // Every character is on a page, none twice (between the pages: a footer and a header).
  std::string text = pdf_text(pdf);
  std::size_t n = 0;
  for (auto at = text.find("字"); at != std::string::npos; at = text.find("字", at + 1)) ++n;
  EXPECT_EQ(n, 3000u);
}

TEST(Layout, APageBreakStartsANewPage) {
  Layout l("t", "h", kNow);
  l.paragraph("first");
  l.page_break();
  l.paragraph("second");
  std::string pdf = render(l);
  EXPECT_EQ(pdf_pages(pdf), 2);
  std::string text = pdf_text(pdf);
  auto form_feed = text.find('\f');
  EXPECT_LT(text.find("first"), form_feed);
  EXPECT_GT(text.find("second"), form_feed);
}

TEST(Layout, AHeadingIsNotLeftAloneAtTheFootOfAPage) {
  Layout l("t", "h", kNow);
  // Fill the first page almost to its foot, then a heading and its paragraph.
  for (int i = 30; i < 80; ++i) {
    Layout probe("t", "h", kNow);
    for (int j = 0; j <= i; ++j) probe.paragraph("line " + std::to_string(j));
    probe.heading("HEADING");
    probe.paragraph("body");
    std::string pdf = render(probe);
    if (pdf_pages(pdf) == 1) continue;
    // The first time the heading's paragraph no longer fits, both are on page 2.
    std::string text = pdf_text(pdf);
    auto form_feed = text.find('\f');
    EXPECT_GT(text.find("HEADING"), form_feed)
        << text.substr(form_feed > 200 ? form_feed - 200 : 0);
    EXPECT_GT(text.find("body"), form_feed);
    return;
  }
  FAIL() << "80 lines fit one page";
}

TEST(Layout, TheSameInputGivesTheSameBytes) {
  auto make = [] {
    Layout l("t", "h", kNow);
    l.title("复盘报告");
    l.paragraph("text");
    return render(l);
  };
  EXPECT_EQ(make(), make()) << "the creation date is the caller's, not the clock's";
}

}  // namespace
}  // namespace pactum::documents
