// The PDF documents: the signed plan with its signature page, and an incident's
// review report (V1), risk notice (L3) and submission to the supervisor (X2), in the language of
// `?lang=zh|en` (Chinese by default, as the calendar feed). The documents are src/documents; here
// the records are gathered for them: the version and its signers' keys from the governance
// component, the incident and its decoded timeline from the engine.
#include <fmt/format.h>

#include "documents/plan_document.hpp"
#include "engine/event_codec.hpp"
#include "http/api.hpp"
#include "http/errors.hpp"
#include "http/record_documents.hpp"

namespace pactum::http {
namespace {

// `?lang=`: zh, zh-CN or en; Chinese without one.
Result<Lang> document_lang(const Request& request) {
  auto q = request.query.find("lang");
  if (q == request.query.end()) return Lang::zh_CN;
  auto lang = parse_lang(q->second);
  if (!lang) return invalid("lang", fmt::format("\"{}\" is not a language: zh or en", q->second));
  return *lang;
}

Response pdf_response(std::string pdf, const std::string& filename) {
  Response r;
  r.content_type = "application/pdf";
  r.headers.emplace_back("Content-Disposition", fmt::format("inline; filename=\"{}\"", filename));
  r.headers.emplace_back("Cache-Control", "no-store");
  r.body = std::move(pdf);
  return r;
}

// A version's document: its own plan, its statement, and per signature the signer's key.
Result<std::string> plan_document(Api& api, std::int64_t n, Lang lang) {
  auto* gov = api.options().governance;
  if (!gov) return not_running("plan signing");
  auto v = gov->version(n);
  if (!v) return v.error();
  auto plan = engine::valid_plan(v->yaml);
  if (!plan) return plan.error();
  auto doc = plan_version_document(*plan, *v, gov->keys());
  return documents::plan_pdf(doc, lang, api.engine().clock().now());
}

// An incident document route: `/api/v1/incidents/{id}/<name>.pdf`.
void incident_document_route(Api& api, const std::string& name, IncidentPdf make) {
  api.route(
      "GET", "/api/v1/incidents/{id}/" + name + ".pdf", Access::read,
      [&api, name, make](Call& call, Reply reply) {
        const std::string& id = call.request.params.at("id");
        auto lang = document_lang(call.request);
        if (!lang) return reply(error_response(lang.error()));
        auto plan = api.engine().plan();
        auto record = api.engine().incident(id);
        if (!plan || !record) {
          return reply(error_response(no_incident(id)));
        }
        std::vector<Event> events;
        for (const auto& e : record->events) {
          auto decoded = engine::decode(e);
          if (!decoded) return reply(error_response(decoded.error()));
          events.push_back(std::move(*decoded));
        }
        auto pdf = make(documents::IncidentDocument{plan->plan, id, record->state, events}, *lang,
                        api.engine().clock().now());
        if (!pdf) return reply(error_response(pdf.error()));
        reply(pdf_response(std::move(*pdf),
                           fmt::format("{}-{}-{}.pdf", id, name, lang_suffix(*lang))));
      },
      Pace::slow);  // typesetting: about 0.1 s a document
}

}  // namespace

void add_document_routes(Api& api) {
  api.route(
      "GET", "/api/v1/plan/versions/{v}/document.pdf", Access::read,
      [&api](Call& call, Reply reply) {
        auto n = version_param(call.request);
        if (!n) return reply(error_response(n.error()));
        auto lang = document_lang(call.request);
        if (!lang) return reply(error_response(lang.error()));
        auto pdf = plan_document(api, *n, *lang);
        if (!pdf) return reply(error_response(pdf.error()));
        auto active = api.engine().plan();
        std::string id = active ? active->plan.id : "plan";
        reply(pdf_response(std::move(*pdf),
                           fmt::format("{}-v{}-{}.pdf", id, *n, lang_suffix(*lang))));
      },
      Pace::slow);
  for (const auto& kind : incident_documents()) incident_document_route(api, kind.name, kind.make);
}

}  // namespace pactum::http
