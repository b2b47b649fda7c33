#include "documents/plan_document.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "documents/layout.hpp"
#include "documents/words.hpp"
#include "domain/digest.hpp"
#include "planfile/plan_text.hpp"

namespace pactum::documents {
namespace {

std::string state_text(const Words& w, governance::VersionState s, bool signed_by_all) {
  switch (s) {
    case governance::VersionState::proposed:
      return w.l("已提出，待双方签署", "proposed, awaiting signatures");
    case governance::VersionState::in_force:
      return signed_by_all
                 ? w.l("生效中", "in force")
                 : w.l("生效中（尚未经双方签署）", "in force (not yet signed by both parties)");
    case governance::VersionState::superseded:
      return w.l("已被新版本取代", "superseded");
  }
  return "";
}

// The roles, among those `governance.signers` names for the party, that the contact holds.
std::string signer_roles(const Words& w, const Plan& plan, const std::string& party,
                         const std::string& contact) {
  auto named = plan.governance.signers.find(party);
  std::string out;
  for (const auto& r : plan.roles_of(contact)) {
    if (named == plan.governance.signers.end() ||
        std::find(named->second.begin(), named->second.end(), r) == named->second.end()) {
      continue;
    }
    out += (out.empty() ? "" : ", ") + w.role(r);
  }
  return w.or_dash(out);
}

void signature_page(Layout& out, const Words& w, const PlanVersionDocument& doc) {
  const Plan& plan = doc.plan;
  out.page_break();
  out.heading(w.l("签署页", "Signature page"));
  out.paragraph(
      w.l("本预案经下列各方签署后生效（G1）。每一签名为 Ed25519 签名，签署对象为下方"
          "的签署声明；凭声明、预案文件与签署人公钥即可离线验证。",
          "This plan takes effect once every party below has signed it (G1). Each "
          "signature is an Ed25519 signature over the statement below; it can be verified "
          "offline with the statement, the plan file and the signer's public key."));
  for (const auto& party : plan.governance.signatures) {
    out.subheading(fmt::format("{}: {}", w.l("签署方", "Party"), w.party(party)));
    auto s = std::find_if(doc.signatures.begin(), doc.signatures.end(),
                          [&](const PlanSignature& x) { return x.party == party; });
    if (s == doc.signatures.end()) {
      std::string who;
      auto named = plan.governance.signers.find(party);
      if (named != plan.governance.signers.end()) {
        for (const auto& r : named->second) who += (who.empty() ? "" : ", ") + w.role(r);
      }
      out.key_values({{w.l("签署状态", "Status"), w.l("尚未签署", "Not yet signed")},
                      {w.l("签署人", "Signer"), w.or_dash(who)}});
      continue;
    }
    out.key_values({
        {w.l("签署状态", "Status"), w.l("已签署", "Signed")},
        {w.l("签署人", "Signer"), fmt::format("{} ({})", w.contact(s->contact), s->user)},
        {w.l("职务", "Role"), signer_roles(w, plan, party, s->contact)},
        {w.l("签署时间", "Signed at"), w.time(s->signed_at)},
        {w.l("密钥编号", "Key id"), s->key_id, Font::mono},
        {w.l("公钥指纹 (SHA-256)", "Key fingerprint (SHA-256)"), key_fingerprint(s->public_key),
         Font::mono},
        {w.l("签名 (Base64)", "Signature (base64)"), evidence::base64(s->signature), Font::mono},
    });
  }
  out.subheading(w.l("签署声明", "The statement signed"));
  out.key_values({
      {w.l("声明 SHA-256", "Statement SHA-256"), sha256_hex(doc.statement), Font::mono},
      {w.l("预案文件 SHA-256", "Plan file SHA-256"), doc.yaml_sha256, Font::mono},
  });
  out.paragraph(doc.statement, 1, Font::mono);
}

}  // namespace

std::string key_fingerprint(const evidence::PublicKey& key) {
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
}

Result<std::string> plan_pdf(const PlanVersionDocument& doc, Lang lang, Instant generated_at) {
  const Plan& plan = doc.plan;
  Words w(plan, lang);
  std::string name = w.t(plan.title);
  Layout out(name, fmt::format("{} · {} {}", name, w.l("版本", "version"), plan.version),
             generated_at);
  out.title(name);
  bool signed_by_all =
      std::all_of(plan.governance.signatures.begin(), plan.governance.signatures.end(),
                  [&](const std::string& party) {
                    return std::any_of(doc.signatures.begin(), doc.signatures.end(),
                                       [&](const PlanSignature& s) { return s.party == party; });
                  });
  out.subtitle(fmt::format("{} {} · {}", w.l("版本", "Version"), plan.version,
                           state_text(w, doc.state, signed_by_all)));
  out.key_values({
      {w.l("预案编号", "Plan"), plan.id, Font::mono},
      {w.l("生效日期", "Effective"), date::format("%F", doc.effective)},
      {w.l("合作协议", "Agreement"), w.t(plan.agreement.name)},
      {w.l("协议期限", "Term"),
       date::format("%F", plan.agreement.starts) + " — " + date::format("%F", plan.agreement.ends)},
  });
  if (!doc.description.empty()) {
    out.subheading(w.l("变更说明", "Description of the change"));
    out.paragraph(doc.description);
  }
  // The plan's own text: its sections are headings, deeper lines indented under them. The first
  // two lines (title, agreement) are the header above.
  auto lines = planfile::plan_lines(plan, lang);
  for (std::size_t i = 2; i < lines.size(); ++i) {
    const auto& l = lines[i];
    if (l.depth == 0) {
      out.heading(l.text);
    } else {
      out.paragraph(l.text, l.depth - 1);
    }
  }
  signature_page(out, w, doc);
  out.spacer(12);
  out.paragraph(w.generated(generated_at));
  return out.pdf();
}

}  // namespace pactum::documents
