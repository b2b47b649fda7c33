// A small A4 document writer over pango and cairo's PDF surface: the blocks a Pactum document is
// made of (title, headings, paragraphs, key-value tables, tables, page breaks), laid out in
// order onto A4 pages with margins, a running header and "page n / N" footers. Long lines wrap
// at word boundaries, and CJK text (no spaces) between any two characters; a block that does not
// fit the rest of a page continues on the next, line by line, and a heading is never left alone
// at the foot of a page.
//
// Text is set in Noto Sans CJK SC (Debian's fonts-noto-cjk), Latin and Chinese alike, and
// identifiers (digests, key ids) in Noto Sans Mono CJK SC; cairo embeds the glyphs used as CID
// font subsets, with their Unicode mapping, so `pdftotext` reads the text back. No other input:
// the writer never reads the clock or a store (a document's date is its caller's) and keeps no
// global state, so documents may be rendered on several threads at once.
#pragma once

#include <string>
#include <vector>

#include "domain/result.hpp"
#include "domain/time.hpp"

namespace pactum::documents {

// A4 in PostScript points (1/72 inch), and the page's margins.
inline constexpr double kPageWidth = 595.276;
inline constexpr double kPageHeight = 841.89;
inline constexpr double kMargin = 56.7;  // 2 cm

enum class Font { body, bold, mono };

struct KeyValue {
  std::string key;
  std::string value;
  Font value_font = Font::body;
};

class Layout {
 public:
  // `title`: the PDF's Title metadata; `header`: the running header of every page after the
  // first (e.g. "INC-2026-0001 · 复盘报告"); `created`: the PDF's creation date (the caller's
  // "now": the same inputs give the same bytes).
  Layout(std::string title, std::string header, Instant created);

  void title(std::string text);       // the document's title, large, centred
  void subtitle(std::string text);    // a line under it, centred
  void heading(std::string text);     // a section heading
  void subheading(std::string text);  // within a section
  void paragraph(std::string text, int indent = 0, Font font = Font::body);
  void bullet(std::string text, int indent = 0);  // "• " and the text, wrapped under itself
  void key_values(std::vector<KeyValue> rows);    // two columns: key (bold), value
  // A table with a header row; `widths` are the columns' shares of the text width (they sum to 1).
  void table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
             std::vector<double> widths);
  void spacer(double points);  // vertical space (points > 0)
  void page_break();

  // The PDF's bytes. internal if cairo fails (e.g. out of memory).
  Result<std::string> pdf() const;

 private:
  struct Cell {
    std::string text;
    Font font = Font::body;
    double size = 10;
    double x = 0;      // from the left margin, points
    double width = 0;  // points
    bool centred = false;
  };
  struct Block {
    std::vector<Cell> cells;  // side by side; empty: a page break
    double space_before = 0;
    double space_after = 0;
    bool keep_with_next = false;  // headings
    bool rule_below = false;      // a table's header row
    bool shaded = false;          // a table's header row
  };
  void add(Block block);

  std::string title_;
  std::string header_;
  Instant created_;
  std::vector<Block> blocks_;
};

}  // namespace pactum::documents
