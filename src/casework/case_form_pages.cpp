// The forms on a case, one page each, all alike: GET /cases/{id}/{form} shows it, POST saves it
// and returns to the case, or shows the form again with the NHS.UK error summary, values kept.
// Forms: contact, what-matters, plan, review, next-action, measure (?measure=ID),
// note, safeguarding, discharge.
#include <functional>
#include <memory>

#include "casework/pages.hpp"
#include "core/text.hpp"
#include "web/form.hpp"
#include "web/pages.hpp"

namespace linkway {
namespace {

using namespace web;  // NOLINT(google-build-using-namespace): the page frame's words

struct Option {
  std::string value;
  std::string label;
};

struct FieldSpec {
  std::string name;  // the form name, which is the service's field path
  std::string label;
  std::string hint;
  std::string type;  // text, textarea, date, number, select, radios, checkbox, heading
  std::vector<Option> options;
  std::string value;
  bool inline_radios = false;
};

template <std::size_t N>
std::vector<Option> Options(const Choice (&table)[N], bool blank = true) {
  std::vector<Option> out;
  if (blank) out.push_back({"", "Choose one"});
  for (const auto& c : table) out.push_back({std::string(c.code), std::string(c.label)});
  return out;
}

std::string IdOf(std::string_view name) {
  std::string id;
  for (char c : name) id += (c == '.' || c == '[' || c == ']') ? '-' : c;
  while (!id.empty() && id.back() == '-') id.pop_back();
  std::string out;
  for (char c : id) {
    if (c == '-' && !out.empty() && out.back() == '-') continue;
    out += c;
  }
  return out;
}

using Fields = std::vector<FieldSpec>;
using Posted = const http::Params*;

std::string Value(Posted posted, const std::string& name, const std::string& stored) {
  return posted ? FormValue(*posted, name) : stored;
}

struct FormDef {
  std::string title;
  std::string button;
  // The fields, filled from the case or from what was posted.
  std::function<Fields(const CaseFile&, Posted, const http::Request&)> fields;
  std::function<Status(Casework&, const Principal&, std::int64_t, const http::Params&,
                       const http::Request&)>
      submit;
};

std::int64_t Number(const std::string& text) {
  auto n = ParseId(Trim(text));
  return n ? *n : (Trim(text) == "0" ? 0 : -1);
}

FormDef ContactForm(CaseworkPages ctx) {
  FormDef f{"Log a contact", "Save contact", {}, {}};
  f.fields = [ctx](const CaseFile& file, Posted p, const http::Request&) {
    std::vector<Option> practices{{"", "Not at a practice"}};
    auto all = ctx.organisations.List(OrgKind::kPractice);
    if (all.ok()) {
      for (const auto& o : *all) {
        if (o.parent_code == file.referral.referral.pcn_code) practices.push_back({o.code, o.name});
      }
    }
    return Fields{
        {"kind", "How you met or spoke", "", "radios", Options(kContactKinds, false),
         Value(p, "kind", "")},
        {"date",
         "Date",
         "For example, 2026-11-23",
         "date",
         {},
         Value(p, "date", FormatDate(DayOf(ctx.casework.Now())))},
        {"minutes", "Minutes", "How long the contact took", "number", {}, Value(p, "minutes", "")},
        {"practice", "Practice", "Where it took place, for a contact at a practice", "select",
         practices, Value(p, "practice", file.referral.referral.practice_code)}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    ContactInput in{FormValue(form, "kind"), FormValue(form, "date"),
                    Number(FormValue(form, "minutes")), FormValue(form, "practice")};
    if (in.kind != "face_to_face_practice") in.practice.clear();
    return cw.LogContact(who, id, in).status();
  };
  return f;
}

FormDef WhatMattersForm() {
  FormDef f{"What matters to the person", "Save what matters", {}, {}};
  f.fields = [](const CaseFile& file, Posted p, const http::Request&) {
    Fields out;
    for (const auto& d : kDomains) {
      std::string name = "domains." + std::string(d.code);
      auto stored = file.what_matters.domains.find(std::string(d.code));
      out.push_back(
          {name,
           std::string(d.label),
           "",
           "textarea",
           {},
           Value(p, name, stored == file.what_matters.domains.end() ? "" : stored->second)});
    }
    out.push_back({"intensity", "Level of support", "", "radios", Options(kIntensities, false),
                   Value(p, "intensity", file.what_matters.intensity)});
    return out;
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    WhatMatters what;
    for (const auto& d : kDomains) {
      std::string text = Trim(FormValue(form, "domains." + std::string(d.code)));
      if (!text.empty()) what.domains[std::string(d.code)] = text;
    }
    what.intensity = FormValue(form, "intensity");
    return cw.SetWhatMatters(who, id, what);
  };
  return f;
}

constexpr int kPlanRows = 5;

FormDef PlanForm() {
  FormDef f{"Personalised care and support plan", "Save plan", {}, {}};
  f.fields = [](const CaseFile& file, Posted p, const http::Request&) {
    Fields out;
    int rows = std::max<int>(kPlanRows, static_cast<int>(file.plan.goals.size()) + 2);
    for (int i = 0; i < rows; ++i) {
      Goal g = i < static_cast<int>(file.plan.goals.size()) ? file.plan.goals[i] : Goal{};
      std::string at = "goals[" + std::to_string(i) + "].";
      out.push_back({"", "Goal " + std::to_string(i + 1), "Leave blank for no goal", "heading"});
      out.push_back({at + "text",
                     "What the person wants to achieve",
                     "",
                     "text",
                     {},
                     Value(p, at + "text", g.text)});
      out.push_back({at + "domain", "Area of life", "", "select", Options(kDomains),
                     Value(p, at + "domain", g.domain)});
      out.push_back({at + "target_date",
                     "Target date",
                     "",
                     "date",
                     {},
                     Value(p, at + "target_date", g.target_date)});
      out.push_back({at + "status", "Status", "", "select", Options(kGoalStatuses, false),
                     Value(p, at + "status", g.status)});
    }
    out.push_back({"review_date",
                   "Next review",
                   "When you will review the plan together",
                   "date",
                   {},
                   Value(p, "review_date", file.plan.review_date)});
    return out;
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    PlanInput plan;
    plan.review_date = FormValue(form, "review_date");
    // Blank rows are no goal; the rest keep their row number for errors.
    std::vector<int> rows;
    for (int i = 0; i < 50; ++i) {
      std::string at = "goals[" + std::to_string(i) + "].";
      if (!form.contains(at + "text")) break;
      Goal g{Trim(FormValue(form, at + "text")), FormValue(form, at + "domain"),
             FormValue(form, at + "target_date"), FormValue(form, at + "status")};
      if (g.text.empty() && g.domain.empty() && g.target_date.empty()) continue;
      rows.push_back(i);
      plan.goals.push_back(std::move(g));
    }
    Status s = cw.SavePlan(who, id, plan).status();
    if (s.ok() || s.fields().empty()) return s;
    // Errors name goals by their place among those given; the form by its row.
    std::vector<FieldError> fields;
    for (auto e : s.fields()) {
      if (e.field.rfind("goals[", 0) == 0) {
        std::size_t close = e.field.find(']');
        std::size_t n = std::stoul(e.field.substr(6, close - 6));
        if (n < rows.size()) {
          e.field = "goals[" + std::to_string(rows[n]) + "]" + e.field.substr(close + 1);
        }
      }
      fields.push_back(std::move(e));
    }
    return Status::Invalid(s.message(), std::move(fields));
  };
  return f;
}

FormDef ReviewForm(CaseworkPages ctx) {
  FormDef f{"Record a plan review", "Save review", {}, {}};
  f.fields = [ctx](const CaseFile&, Posted p, const http::Request&) {
    return Fields{{"date",
                   "Date of the review",
                   "",
                   "date",
                   {},
                   Value(p, "date", FormatDate(DayOf(ctx.casework.Now())))},
                  {"note", "What you agreed", "", "textarea", {}, Value(p, "note", "")}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    return cw.RecordReview(who, id, FormValue(form, "date"), FormValue(form, "note"));
  };
  return f;
}

FormDef NextActionForm() {
  FormDef f{"Next action", "Save next action", {}, {}};
  f.fields = [](const CaseFile& file, Posted p, const http::Request&) {
    std::string action = file.row ? file.row->next_action : "";
    std::string due = file.row ? file.row->next_action_due : "";
    return Fields{
        {"next_action", "What happens next", "", "text", {}, Value(p, "next_action", action)},
        {"due", "By when", "", "date", {}, Value(p, "due", due)}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    return cw.SetNextAction(who, id, Trim(FormValue(form, "next_action")), FormValue(form, "due"));
  };
  return f;
}

FormDef MeasureForm(CaseworkPages ctx) {
  FormDef f{"Record an outcome measure", "Save answers", {}, {}};
  f.fields = [ctx](const CaseFile&, Posted p, const http::Request& request) {
    std::string id = p ? FormValue(*p, "measure") : request.Query("measure");
    const Measure* m = ctx.casework.measures().Find(id);
    if (!m && !ctx.casework.measures().all().empty()) m = &ctx.casework.measures().all().front();
    Fields out{{"measure", "", "", "hidden", {}, m ? m->id : ""},
               {"", m ? m->name : "", m ? m->source : "", "heading"},
               {"timepoint", "When", "", "radios", Options(kTimepoints, false),
                Value(p, "timepoint", "baseline")}};
    if (!m) return out;
    for (const auto& item : m->items) {
      std::vector<Option> scale;
      for (std::int64_t v = item.min; v <= item.max; ++v) {
        std::string label = std::to_string(v);
        for (const auto& l : item.labels) {
          if (l.value == v) label += " (" + l.text + ")";
        }
        scale.push_back({std::to_string(v), label});
      }
      std::string name = "answers." + item.id;
      FieldSpec spec{name,     item.text, "Leave unanswered if the person prefers not to say",
                     "radios", scale,     Value(p, name, "")};
      spec.inline_radios = item.max - item.min > 3;
      out.push_back(std::move(spec));
    }
    return out;
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    std::map<std::string, std::int64_t> answers;
    for (const auto& [name, value] : form) {
      if (name.rfind("answers.", 0) == 0 && !value.empty()) answers[name.substr(8)] = Number(value);
    }
    return cw
        .RecordMeasure(who, id, FormValue(form, "measure"), FormValue(form, "timepoint"), answers)
        .status();
  };
  return f;
}

FormDef NoteForm() {
  FormDef f{"Add a note", "Save note", {}, {}};
  f.fields = [](const CaseFile&, Posted p, const http::Request&) {
    return Fields{{"text", "Note", "", "textarea", {}, Value(p, "text", "")},
                  {"shareable",
                   "The referrer may see this note",
                   "",
                   "checkbox",
                   {},
                   Value(p, "shareable", "")},
                  {"case_study",
                   "Use it as a case study in the practice's monthly digest",
                   "Only with the person's agreement, and written so that nobody could tell who "
                   "it is about: no names, dates or places.",
                   "checkbox",
                   {},
                   Value(p, "case_study", "")}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    return cw
        .AddNote(who, id, FormValue(form, "text"), FormValue(form, "shareable") == "yes",
                 FormValue(form, "case_study") == "yes")
        .status();
  };
  return f;
}

FormDef SafeguardingForm(CaseworkPages ctx) {
  FormDef f{"Raise a safeguarding concern", "Record concern", {}, {}};
  f.fields = [ctx](const CaseFile&, Posted p, const http::Request&) {
    return Fields{{"concern", "What the concern is", "", "textarea", {}, Value(p, "concern", "")},
                  {"occurred_on",
                   "When",
                   "",
                   "date",
                   {},
                   Value(p, "occurred_on", FormatDate(DayOf(ctx.casework.Now())))},
                  {"who_told",
                   "Who was told",
                   "For example, the practice safeguarding lead",
                   "text",
                   {},
                   Value(p, "who_told", "")},
                  {"action", "Action taken", "", "textarea", {}, Value(p, "action", "")},
                  {"shareable",
                   "Share this concern in the feedback to the referrer",
                   "",
                   "checkbox",
                   {},
                   Value(p, "shareable", "")}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    ConcernInput in{FormValue(form, "concern"), FormValue(form, "occurred_on"),
                    FormValue(form, "who_told"), FormValue(form, "action"),
                    FormValue(form, "shareable") == "yes"};
    return cw.RaiseConcern(who, id, in).status();
  };
  return f;
}

FormDef DischargeForm() {
  FormDef f{"Close the case", "Close the case and send feedback", {}, {}};
  f.fields = [](const CaseFile&, Posted p, const http::Request&) {
    return Fields{
        {"outcome", "Outcome", "", "radios", Options(kOutcomes, false), Value(p, "outcome", "")},
        {"summary",
         "Summary for the referrer",
         "What happened and what changed for the person. It goes in the feedback.",
         "textarea",
         {},
         Value(p, "summary", "")}};
  };
  f.submit = [](Casework& cw, const Principal& who, std::int64_t id, const http::Params& form,
                const http::Request&) {
    return cw.Discharge(who, id, FormValue(form, "outcome"), FormValue(form, "summary")).status();
  };
  return f;
}

class CaseFormPages {
 public:
  CaseFormPages(CaseworkPages ctx, FormDef def, std::string slug)
      : ctx_(ctx), def_(std::move(def)), slug_(std::move(slug)) {}

  http::Response Show(http::Request& request) { return Render(request, nullptr, {}, 200); }

  http::Response Save(http::Request& request) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    http::Params form = request.Form();
    Status s = def_.submit(ctx_.casework, *request.principal, *id, form, request);
    if (s.ok())
      return http::Response::Redirect("/cases/" + std::to_string(*id) + "?saved=" + slug_);
    if (s.code() != Code::kInvalid && s.code() != Code::kConflict) return StatusPage(request, s);
    FormErrors errors;
    if (s.code() == Code::kConflict) {
      errors.Add("", web::Capitalise(s.message()));
      return Render(request, &form, errors, 409);
    }
    auto file = ctx_.casework.Open(*request.principal, *id);
    if (!file.ok()) return StatusPage(request, file.status());
    Fields fields = def_.fields(*file, &form, request);
    std::vector<FieldInfo> infos;
    std::vector<std::string> ids;
    ids.reserve(fields.size());
    for (const auto& f : fields) ids.push_back(IdOf(f.name));
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].name.empty()) continue;
      infos.push_back({fields[i].name, ids[i], fields[i].label, ""});
    }
    // Kept alive while AddStatus words the messages.
    std::vector<std::string> required;
    required.reserve(infos.size());
    for (auto& info : infos) {
      required.push_back("Enter " + Lower(info.label));
      info.required = required.back();
    }
    errors.AddStatus(s, infos);
    return Render(request, &form, errors, 422);
  }

 private:
  static std::string Lower(std::string_view text) {
    std::string out(text);
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
    return out;
  }

  http::Response Render(http::Request& request, Posted posted, const FormErrors& errors,
                        int status) {
    auto id = ParseId(request.route["id"]);
    if (!id) return NotFoundPage(request);
    auto file = ctx_.casework.Open(*request.principal, *id);
    if (!file.ok()) return StatusPage(request, file.status());
    Fields fields = def_.fields(*file, posted, request);
    Data items = List();
    for (const auto& f : fields) {
      Data d = Object();
      std::string fid = IdOf(f.name);
      d.set("id", fid);
      d.set("name", f.name);
      d.set("label", f.label);
      d.set("hint", f.hint);
      d.set("has_hint", !f.hint.empty());
      d.set("value", f.value);
      std::string error = errors.For(fid);
      d.set("error", error);
      d.set("has_error", !error.empty());
      d.set("is_" + f.type, true);
      d.set("inline", f.inline_radios);
      d.set("checked", f.value == "yes");
      Data options = List();
      int n = 0;
      for (const auto& o : f.options) {
        Data od = Object();
        od.set("value", o.value);
        od.set("label", o.label);
        od.set("selected", o.value == f.value);
        od.set("option_id", n == 0 ? fid : fid + "-" + std::to_string(n + 1));
        ++n;
        options.push_back(od);
      }
      d.set("options", options);
      items.push_back(d);
    }
    View view;
    view.status = status;
    view.title = def_.title;
    view.body = "case_form";
    view.has_errors = !errors.empty();
    view.nav_path = "/casework";
    Data& d = view.data;
    errors.AddTo(d);
    d.set("title", def_.title);
    d.set("button", def_.button);
    d.set("person", file->referral.referral.patient.given_name + " " +
                        file->referral.referral.patient.family_name);
    d.set("case_href", "/cases/" + std::to_string(*id));
    d.set("action", "/cases/" + std::to_string(*id) + "/" + slug_);
    d.set("csrf_token", request.principal->csrf_token);
    d.set("fields", items);
    return RenderPage(request, view);
  }

  CaseworkPages ctx_;
  FormDef def_;
  std::string slug_;
};

}  // namespace

void RegisterCaseFormPages(http::Router& router, CaseworkPages ctx) {
  const std::pair<std::string, FormDef> forms[] = {
      {"contact", ContactForm(ctx)},
      {"what-matters", WhatMattersForm()},
      {"plan", PlanForm()},
      {"review", ReviewForm(ctx)},
      {"next-action", NextActionForm()},
      {"measure", MeasureForm(ctx)},
      {"note", NoteForm()},
      {"safeguarding", SafeguardingForm(ctx)},
      {"discharge", DischargeForm()},
  };
  http::Needs lw{.roles = {Role::kLinkWorker}, .refusal = "Only link workers work cases."};
  http::Needs post = lw;
  post.csrf = true;
  for (const auto& [slug, def] : forms) {
    auto pages = std::make_shared<CaseFormPages>(ctx, def, slug);
    router.Add("GET", "/cases/{id}/" + slug,
               GuardPage(lw, [pages](http::Request& r) { return pages->Show(r); }));
    router.Add("POST", "/cases/{id}/" + slug,
               GuardPage(post, [pages](http::Request& r) { return pages->Save(r); }));
  }
}

}  // namespace linkway
