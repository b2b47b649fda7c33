#include "documents/layout.hpp"

#include <cairo-pdf.h>
#include <date/date.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

namespace pactum::documents {
namespace {

constexpr double kTextWidth = kPageWidth - 2 * kMargin;
constexpr double kTop = kMargin;
constexpr double kBottom = kPageHeight - kMargin;
constexpr double kIndent = 14;  // points per indent level
constexpr double kGutter = 8;   // between a table's columns

const char* family(Font font) {
  return font == Font::mono ? "Noto Sans Mono CJK SC" : "Noto Sans CJK SC";
}

struct Unref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using FontMapPtr = std::unique_ptr<PangoFontMap, Unref>;
using ContextPtr = std::unique_ptr<PangoContext, Unref>;
using LayoutPtr = std::unique_ptr<PangoLayout, Unref>;

// One line of a laid-out cell, in the cell's own coordinates (points from its top).
struct Line {
  PangoLayoutLine* line;  // owned by its layout
  double x;
  double top;
  double bottom;
  double baseline;
};

struct LaidCell {
  double x;
  std::vector<Line> lines;
};

// What goes on a page, in page coordinates.
struct Placed {
  PangoLayoutLine* line;
  double x;
  double baseline;
};
struct Rule {
  double y;
};
struct Shade {
  double y;
  double height;
};
struct Page {
  std::vector<Placed> lines;
  std::vector<Rule> rules;
  std::vector<Shade> shades;
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Everything pango needs, private to one rendering: a font map of our own (pango's default one is
// per thread and caches without bound), at 72 dpi so that a point is a unit, without hinting
// (PDF is scaled by its reader).
class Typesetter {
 public:
  Typesetter() : map_(pango_cairo_font_map_new()) {
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map_.get()), 72);
    context_.reset(pango_font_map_create_context(map_.get()));
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(context_.get(), options);
    cairo_font_options_destroy(options);
  }

  // Lays out `text` in `width` points; the layout lives as long as the typesetter.
  LaidCell cell(const std::string& text, Font font, double size, double x, double width,
                bool centred) {
    PangoLayout* layout = pango_layout_new(context_.get());
    layouts_.emplace_back(layout);
    PangoFontDescription* desc = pango_font_description_from_string(family(font));
    pango_font_description_set_weight(desc,
                                      font == Font::bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_size(desc, static_cast<gint>(size * PANGO_SCALE));
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
    // Words where there are spaces; where there are none (Chinese, a long digest), characters.
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, centred ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));

    LaidCell out{x, {}};
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      out.lines.push_back(Line{
          pango_layout_iter_get_line_readonly(it), static_cast<double>(logical.x) / PANGO_SCALE,
          static_cast<double>(logical.y) / PANGO_SCALE,
          static_cast<double>(logical.y + logical.height) / PANGO_SCALE,
          static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

 private:
  FontMapPtr map_;
  ContextPtr context_;
  std::vector<LayoutPtr> layouts_;
};

void draw_text(cairo_t* cr, const Placed& p) {
  cairo_move_to(cr, p.x, p.baseline);
  pango_cairo_show_layout_line(cr, p.line);
}

}  // namespace

Layout::Layout(std::string title, std::string header, Instant created)
    : title_(std::move(title)), header_(std::move(header)), created_(created) {}

void Layout::add(Block block) { blocks_.push_back(std::move(block)); }

void Layout::title(std::string text) {
  add({{Cell{std::move(text), Font::bold, 18, 0, kTextWidth, true}}, 0, 6});
}

void Layout::subtitle(std::string text) {
  add({{Cell{std::move(text), Font::body, 11, 0, kTextWidth, true}}, 0, 4});
}

void Layout::heading(std::string text) {
  add({{Cell{std::move(text), Font::bold, 14, 0, kTextWidth}}, 14, 6, true});
}

void Layout::subheading(std::string text) {
  add({{Cell{std::move(text), Font::bold, 11.5, 0, kTextWidth}}, 8, 4, true});
}

void Layout::paragraph(std::string text, int indent, Font font) {
  double x = kIndent * indent;
  add({{Cell{std::move(text), font, font == Font::mono ? 8.5 : 10, x, kTextWidth - x}}, 0, 3});
}

void Layout::bullet(std::string text, int indent) {
  double x = kIndent * indent;
  add({{Cell{"•", Font::body, 10, x, 10},
        Cell{std::move(text), Font::body, 10, x + 10, kTextWidth - x - 10}},
       0,
       2});
}

void Layout::key_values(std::vector<KeyValue> rows) {
  const double key_width = kTextWidth * 0.3 - kGutter;
  const double value_x = kTextWidth * 0.3;
  for (auto& r : rows) {
    double size = r.value_font == Font::mono ? 8.5 : 10;
    add({{Cell{std::move(r.key), Font::bold, 10, 0, key_width},
          Cell{std::move(r.value), r.value_font, size, value_x, kTextWidth - value_x}},
         0,
         3});
  }
}

void Layout::table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows,
                   std::vector<double> widths) {
  auto row_block = [&](std::vector<std::string> texts, Font font) {
    Block b;
    double x = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      double w = kTextWidth * (i < widths.size() ? widths[i] : 0);
      b.cells.push_back(Cell{std::move(texts[i]), font, 9, x + 2, std::max(w - kGutter, 10.0)});
      x += w;
    }
    b.space_before = 3;
    b.space_after = 3;
    b.rule_below = true;
    return b;
  };
  Block head = row_block(std::move(header), Font::bold);
  head.shaded = true;
  head.keep_with_next = true;
  add(std::move(head));
  for (auto& r : rows) add(row_block(std::move(r), Font::body));
  spacer(6);
}

void Layout::spacer(double points) { add({{}, points, 0}); }

void Layout::page_break() { add({}); }

Result<std::string> Layout::pdf() const {
  Typesetter ts;
  // Lay every block out, then place its lines onto pages.
  std::vector<std::vector<LaidCell>> laid;
  laid.reserve(blocks_.size());
  for (const auto& b : blocks_) {
    std::vector<LaidCell> cells;
    for (const auto& c : b.cells)
      cells.push_back(ts.cell(c.text, c.font, c.size, c.x, c.width, c.centred));
    laid.push_back(std::move(cells));
  }
  auto height = [](const std::vector<LaidCell>& cells) {
    double h = 0;
    for (const auto& c : cells) h = std::max(h, c.lines.empty() ? 0 : c.lines.back().bottom);
    return h;
  };

  std::vector<Page> pages(1);
  double y = kTop;
  auto new_page = [&] {
    pages.emplace_back();
    y = kTop;
  };
  for (std::size_t i = 0; i < blocks_.size(); ++i) {
    const Block& b = blocks_[i];
    const auto& cells = laid[i];
    if (b.cells.empty() && b.space_before == 0) {  // a page break (a spacer has a height)
      if (y > kTop) new_page();
      continue;
    }
    if (y > kTop) y += b.space_before;
    if (cells.empty()) continue;
    if (b.keep_with_next && i + 1 < blocks_.size() && y > kTop) {
      // A heading goes with the first line of what follows it.
      double next = 0;
      for (const auto& c : laid[i + 1]) {
        if (!c.lines.empty()) next = std::max(next, c.lines.front().bottom);
      }
      if (y + height(cells) + b.space_after + blocks_[i + 1].space_before + next > kBottom) {
        new_page();
      }
    }
    // Place the cells' lines; what does not fit continues on the next page, from the first line
    // any cell still has to place.
    std::vector<std::size_t> next(cells.size(), 0);
    double offset = 0;
    std::size_t start_page = pages.size() - 1;
    double start_y = y;
    while (true) {
      bool placed = false;
      bool done = true;
      double end = 0;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto& lines = cells[c].lines;
        while (next[c] < lines.size() &&
               (lines[next[c]].bottom - offset <= kBottom - y || (y == kTop && !placed))) {
          const Line& l = lines[next[c]];
          pages.back().lines.push_back(
              Placed{l.line, kMargin + cells[c].x + l.x, y + l.baseline - offset});
          end = std::max(end, l.bottom - offset);
          placed = true;
          ++next[c];
        }
        if (next[c] < lines.size()) done = false;
      }
      if (done) {
        y += end;
        break;
      }
      double resume = height(cells);
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (next[c] < cells[c].lines.size()) resume = std::min(resume, cells[c].lines[next[c]].top);
      }
      offset = resume;
      new_page();
    }
    if (b.shaded && pages.size() - 1 == start_page) {
      pages.back().shades.push_back(Shade{start_y - 2, y - start_y + 4});
    }
    if (b.rule_below) pages.back().rules.push_back(Rule{y + 2});
    y += b.space_after;
  }
  if (pages.size() > 1 && pages.back().lines.empty() && pages.back().rules.empty())
    pages.pop_back();

  // Draw: the running header and footer are laid out now that the number of pages is known.
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title_.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Pactum");
  std::string created = date::format("%FT%TZ", date::floor<std::chrono::seconds>(created_));
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created.c_str());
  cairo_t* cr = cairo_create(surface);
  for (std::size_t n = 0; n < pages.size(); ++n) {
    const Page& page = pages[n];
    cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
    for (const auto& s : page.shades) {
      cairo_rectangle(cr, kMargin, s.y, kTextWidth, s.height);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.7, 0.7, 0.7);
    cairo_set_line_width(cr, 0.5);
    for (const auto& r : page.rules) {
      cairo_move_to(cr, kMargin, r.y);
      cairo_line_to(cr, kMargin + kTextWidth, r.y);
      cairo_stroke(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const auto& p : page.lines) draw_text(cr, p);
    cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
    if (n > 0) {
      LaidCell h = ts.cell(header_, Font::body, 8, 0, kTextWidth, false);
      draw_text(cr, Placed{h.lines.front().line, kMargin, kMargin / 2 + h.lines.front().baseline});
    }
    LaidCell f =
        ts.cell(fmt::format("{} / {}", n + 1, pages.size()), Font::body, 8, 0, kTextWidth, true);
    draw_text(cr, Placed{f.lines.front().line, kMargin + f.lines.front().x,
                         kBottom + kMargin / 2 - 8 + f.lines.front().baseline});
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) {
    return Error{ErrorCode::internal,
                 fmt::format("the PDF could not be written: {}", cairo_status_to_string(status)),
                 {}};
  }
  return out;
}

}  // namespace pactum::documents
