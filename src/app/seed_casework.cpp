#include "app/seed_casework.hpp"

#include <cctype>

#include "casework/case_store.hpp"

namespace linkway::demo {
namespace {

struct Said {
  std::string_view domain;
  std::string_view what;
  std::string_view goal;
};
constexpr Said kSaid[] = {
    {"loneliness", "Lives alone since a bereavement and goes days without talking to anyone",
     "Go to a weekly social group"},
    {"mental_wellbeing", "Low mood; finds it hard to get going in the mornings",
     "Try a wellbeing course"},
    {"physical_health", "Wants to be more active but worried about a bad knee",
     "Walk with a walking group twice a week"},
    {"money", "Behind on the energy bill and unsure what benefits they can claim",
     "Get a benefits check and a plan for the arrears"},
    {"housing", "Damp in the flat is making their chest worse", "Get the landlord to fix the damp"},
    {"work", "Would like to volunteer to rebuild confidence before looking for work",
     "Start volunteering one morning a week"},
    {"caring", "Cares for their partner with dementia and has no time for themselves",
     "Get a carer's assessment and a regular break"},
    {"relationships", "Has lost touch with family since moving", "Reconnect with their sister"},
    {"practical", "Struggles with forms and online accounts", "Get help setting up online banking"},
};

Principal Acting(const Actor& a) {
  Principal p;
  p.user_id = a.id;
  p.username = a.username;
  p.display_name = a.username;
  p.role = ParseRole(a.role).value_or(Role::kLinkWorker);
  p.org_code = a.org_code;
  p.pcn_code = a.org_code;
  return p;
}

}  // namespace

Status CaseTrail::Step(sql::Tx& tx, const Actor& link_worker, const Referral& before,
                       const Referral& after, const ReferralEvent& event) {
  Principal who = Acting(link_worker);
  std::int64_t id = after.id;
  UnixSeconds at = event.at;
  std::string day = FormatDate(DayOf(at));
  StepContext step{who, before, after, event};
  auto ons = [&](int base) {
    std::map<std::string, std::int64_t> a{
        {"satisfied", std::clamp(base + random_.Between(-1, 1), 0, 10)},
        {"worthwhile", std::clamp(base + random_.Between(-1, 2), 0, 10)},
        {"happy", std::clamp(base + random_.Between(-2, 1), 0, 10)},
        {"anxious", std::clamp(10 - base + random_.Between(-1, 1), 0, 10)}};
    return a;
  };
  auto ucla = [&](int level) {
    return std::map<std::string, std::int64_t>{
        {"companionship", std::clamp(level + random_.Between(-1, 0), 1, 3)},
        {"left_out", std::clamp(level + random_.Between(-1, 0), 1, 3)},
        {"isolated", std::clamp(level, 1, 3)}};
  };
  auto measure = [&](const std::string& mid, const std::string& timepoint,
                     const std::map<std::string, std::int64_t>& answers) {
    const Measure* m = casework_.measures().Find(mid);
    if (!m) return;
    auto scores = ScoreAnswers(*m, answers);
    if (!scores.ok()) return;
    MeasureResult r;
    r.measure = mid;
    r.timepoint = timepoint;
    r.at = at;
    r.answers = answers;
    r.scores = *scores;
    cases::AddMeasure(tx, id, r, who.user_id);
    cases::AddEvent(tx, id, at, who.user_id, "measure", m->name + " at " + timepoint);
  };

  switch (after.state) {
    case ReferralState::kContacted: {
      if (Status s = casework_.FollowStep(tx, step); !s.ok()) return s;
      ContactInput c{random_.Chance(0.5) ? "face_to_face_practice" : "phone", day,
                     random_.Between(20, 60), ""};
      if (c.kind == "face_to_face_practice") c.practice = after.practice_code;
      cases::AddContact(tx, id, at, who.user_id, c);
      cases::AddEvent(tx, id, at, who.user_id, "contact", "First contact");
      return Status::Ok();
    }
    case ReferralState::kActive: {
      if (Status s = casework_.FollowStep(tx, step); !s.ok()) return s;
      WhatMatters what;
      std::vector<Goal> goals;
      std::size_t first = random_.Below(std::size(kSaid));
      int count = random_.Between(1, 3);
      for (int i = 0; i < count; ++i) {
        const Said& said = kSaid[(first + i * 3) % std::size(kSaid)];
        what.domains[std::string(said.domain)] = std::string(said.what);
        goals.push_back({std::string(said.goal), std::string(said.domain),
                         FormatDate(DayOf(at) + random_.Between(30, 90)),
                         i == 0 ? "in_progress" : "not_started"});
      }
      const char* intensities[] = {"light", "medium", "medium", "holistic"};
      what.intensity = intensities[random_.Below(4)];
      cases::PutWhatMatters(tx, id, what);
      cases::SetCaseTime(tx, id, "what_matters_at", at);
      cases::PutGoals(tx, id, goals);
      cases::SetCaseText(tx, id, "review_date", FormatDate(DayOf(at) + 42));
      cases::SetCaseTime(tx, id, "plan_at", at);
      cases::SetCaseText(tx, id, "next_action", "Check in about " + goals[0].text);
      cases::SetCaseText(tx, id, "next_action_due", FormatDate(DayOf(at) + random_.Between(3, 21)));
      cases::AddEvent(tx, id, at, who.user_id, "plan", "Plan agreed");
      measure("ons4", "baseline", ons(random_.Between(2, 5)));
      measure("ucla3", "baseline", ucla(random_.Between(2, 3)));
      cases::AddContact(tx, id, at, who.user_id,
                        {"face_to_face_community", day, random_.Between(40, 75), ""});
      if (!vcses_.empty()) {
        const Organisation& org = vcses_[random_.Below(vcses_.size())];
        Connection k;
        k.referral_id = id;
        k.organisation_code = org.code;
        k.service_name = org.name;
        // One of the organisation's listed services, where it has some.
        sql::Query listed(tx,
                          "SELECT id, name FROM services WHERE org_code = $1 AND status = "
                          "'active' ORDER BY id",
                          org.code);
        std::vector<std::pair<std::string, std::string>> services;
        while (listed.Step()) services.emplace_back(listed.Text(0), listed.Text(1));
        if (!services.empty()) {
          const auto& chosen = services[random_.Below(services.size())];
          k.service_id = chosen.first;
          k.service_name = chosen.second;
        }
        k.state = random_.Chance(0.7) ? "sent" : "agreed";
        k.created_at = at;
        cases::AddConnection(tx, k, who.user_id);
        cases::AddEvent(tx, id, at, who.user_id, "connection", "Offered " + org.name);
      }
      return Status::Ok();
    }
    case ReferralState::kClosed: {
      // The follow-up and the end of each connection, then the step (which writes feedback).
      bool better = after.outcome == "goals_met" || after.outcome == "some_goals_met";
      measure("ons4", "follow_up", ons(better ? random_.Between(5, 8) : random_.Between(2, 5)));
      measure("ucla3", "follow_up", ucla(better ? random_.Between(1, 2) : random_.Between(2, 3)));
      for (const auto& k : cases::Connections(tx, id)) {
        std::string to = k.state == "agreed" ? "sent" : k.state;
        if (to == "sent") to = random_.Chance(better ? 0.85 : 0.4) ? "attended" : "did_not_attend";
        cases::MoveConnection(tx, k.id, to, "", at);
      }
      auto plan = cases::GetPlan(tx, id);
      for (auto& g : plan.goals) g.status = better ? "achieved" : "no_longer_relevant";
      cases::PutGoals(tx, id, plan.goals);
      // Now and then a story for the practice's digest, anonymised, with consent.
      if (better && after.consent_share && !plan.goals.empty() && random_.Chance(0.2)) {
        const char* who_words[] = {"A retired man", "A woman in her forties",
                                   "A young carer's mother", "A man who lives alone",
                                   "A woman recently bereaved"};
        std::string goal = plan.goals[0].text;
        goal[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(goal[0])));
        std::string story = std::string(who_words[random_.Below(std::size(who_words))]) +
                            " came to us wanting to " + goal +
                            ". With a few conversations and an introduction to a local group, "
                            "they did it, and say they feel more like themselves again.";
        cases::AddNote(tx, id, at, who.user_id, story, true, true);
      }
      return casework_.FollowStep(tx, step);
    }
    default:
      return casework_.FollowStep(tx, step);
  }
}

Status SeedLinkWorkers(sql::Database& db, const std::vector<Actor>& link_workers,
                       const std::vector<Organisation>& practices, const std::string& over_pcn,
                       UnixSeconds now, SeedRandom& random) {
  return db.Write([&](sql::Tx& tx) -> Status {
    for (const Actor& a : link_workers) {
      std::vector<const Organisation*> mine;
      for (const auto& p : practices) {
        if (p.parent_code == a.org_code) mine.push_back(&p);
      }
      std::vector<cases::Slot> slots;
      if (!mine.empty()) {
        int sessions = random.Between(2, 4);
        for (int i = 0; i < sessions; ++i) {
          int weekday = 1 + (i * 2 + static_cast<int>(random.Below(2))) % 5;
          std::string session = random.Chance(0.5) ? "morning" : "afternoon";
          bool taken = false;
          for (const auto& s : slots)
            taken = taken || (s.weekday == weekday && s.session == session);
          if (!taken) slots.push_back({weekday, session, mine[i % mine.size()]->code, ""});
        }
      }
      cases::PutPresence(tx, a.id, slots);
      auto held = cases::FindLinkWorker(tx, a.username, now - 365 * kDay);
      cases::LinkWorker w = held.value_or(cases::LinkWorker{});
      w.user_id = a.id;
      w.capacity = a.org_code == over_pcn ? std::max(20, w.year - 25) : kDefaultCapacity;
      w.pcn_lead = true;  // each demo PCN has one link worker, who leads it
      w.phone = "01432 2" + std::to_string(10000 + random.Between(0, 89999));
      w.email = a.username + "@nhs.net";
      cases::PutSettings(tx, w);
    }
    return Status::Ok();
  });
}

}  // namespace linkway::demo
