#include "domain/deadline_words.hpp"

#include <fmt/format.h>

namespace pactum {

std::string duration_text(const Duration& d, Lang lang) {
  bool zh = lang == Lang::zh_CN;
  const char* unit = "";
  switch (d.unit) {
    case DurationUnit::seconds:
      unit = zh ? "秒" : " s";
      break;
    case DurationUnit::minutes:
      unit = zh ? "分钟" : " min";
      break;
    case DurationUnit::hours:
      unit = zh ? "小时" : " h";
      break;
    case DurationUnit::days:
      unit = zh ? "日" : " days";
      break;
    case DurationUnit::calendar_days:
      unit = zh ? "个自然日" : " calendar days";
      break;
    case DurationUnit::working_days:
      unit = zh ? "个工作日" : " working days";
      break;
    case DurationUnit::weeks:
      unit = zh ? "周" : " weeks";
      break;
    case DurationUnit::months:
      unit = zh ? "个月" : " months";
      break;
    case DurationUnit::years:
      unit = zh ? "年" : " years";
      break;
  }
  return fmt::format("{}{}", d.count, unit);
}

std::string anchor_text(Anchor a, Lang lang) {
  bool zh = lang == Lang::zh_CN;
  switch (a) {
    case Anchor::discovered:
      return zh ? "发现异常" : "discovery";
    case Anchor::reported:
      return zh ? "接报" : "the report";
    case Anchor::synced:
      return zh ? "同步信息" : "the sync";
    case Anchor::assessed:
      return zh ? "完成评估" : "the assessment";
    case Anchor::level_set:
      return zh ? "确定级别" : "the level being set";
    case Anchor::resolved:
      return zh ? "完成处置" : "resolution";
    case Anchor::review_submitted:
      return zh ? "提交复盘报告" : "the review being submitted";
  }
  return "";
}

std::string deadline_text(const Deadline& d, Lang lang) {
  if (lang == Lang::zh_CN) {
    return fmt::format("{}后{}内", anchor_text(d.from, lang), duration_text(d.within, lang));
  }
  return fmt::format("within {} of {}", duration_text(d.within, lang), anchor_text(d.from, lang));
}

Text deadline_words(const Deadline& d) {
  return Text{deadline_text(d, Lang::zh_CN), deadline_text(d, Lang::en)};
}

}  // namespace pactum
