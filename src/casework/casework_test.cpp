// Casework through its service, on SQLite and on PostgreSQL: the lists, assignment, what each
// record holds, the rules on bad input, access by role and organisation, and the one feedback
// message a closed case writes.
#include "casework/casework.hpp"

#include <gtest/gtest.h>

#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

class CaseworkTest : public ::testing::Test {
 protected:
  Casework& cw() { return *w_.casework; }
  // A referral from `gp` at `practice`, accepted by `lw` when given.
  std::int64_t Refer(const std::string& gp = "gp1", const std::string& practice = "P1",
                     const std::string& lw = "lw1", const std::string& urgency = "routine") {
    auto input = w_.GoodReferral(practice);
    input.urgency = urgency;
    auto created = w_.referrals->CreateReferral(w_.As(gp), input);
    EXPECT_TRUE(created.ok()) << created.status().message();
    std::int64_t id = created->referral.id;
    if (!lw.empty()) Move(lw, id, ReferralState::kAccepted);
    return id;
  }
  void Move(const std::string& who, std::int64_t id, ReferralState to, std::string outcome = "") {
    auto moved = w_.referrals->Move(w_.As(who), id, {to, "", std::move(outcome)});
    ASSERT_TRUE(moved.ok()) << moved.status().message() << " " << moved.status().detail();
  }
  ContactInput Phone(std::string date = "2026-11-23") { return {"phone", std::move(date), 20, ""}; }
  PlanInput TwoGoals() {
    return {{{"Join a walking group", "physical_health", "2027-01-31", "not_started"},
             {"Sort out the gas bill", "money", "2026-12-20", "in_progress"}},
            "2027-01-05"};
  }
  // Accepted, contacted and planned: active.
  std::int64_t ActiveCase() {
    std::int64_t id = Refer();
    EXPECT_TRUE(cw().LogContact(w_.As("lw1"), id, Phone()).ok());
    EXPECT_TRUE(cw().SavePlan(w_.As("lw1"), id, TwoGoals()).ok());
    return id;
  }
  std::string Field(const Status& s, const std::string& field) {
    for (const auto& f : s.fields()) {
      if (f.field == field) return f.message;
    }
    return "";
  }
  int AuditRows(const std::string& action) {
    auto rows = w_.audit->List({});
    int n = 0;
    for (const auto& r : *rows) n += r.action == action ? 1 : 0;
    return n;
  }
  TestWorld w_;
};

TEST_F(CaseworkTest, AcceptingAssignsTheCaseToWhoeverAccepts) {
  std::int64_t id = Refer();
  auto file = cw().Open(w_.As("lw1"), id);
  ASSERT_TRUE(file.ok()) << file.status().message();
  ASSERT_TRUE(file->row);
  EXPECT_EQ(file->row->link_worker_username, "lw1");
  EXPECT_EQ(file->row->state, "accepted");
  ASSERT_EQ(file->holders.size(), 1u);
  EXPECT_EQ(file->holders[0].name, "User lw1");
}

TEST_F(CaseworkTest, AcceptingKeepsAnEarlierAssignment) {
  std::int64_t id = Refer("gp1", "P1", "");
  ASSERT_TRUE(cw().Assign(w_.As("admin"), {id}, "lw3").ok());
  Move("lw1", id, ReferralState::kAccepted);
  auto file = cw().Open(w_.As("lw1"), id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->row->link_worker_username, "lw3");
}

TEST_F(CaseworkTest, TheWaitingListPutsUrgentFirstThenTheLongestWait) {
  std::int64_t first = Refer();
  w_.clock.Set(testing::kNow + 86400);
  std::int64_t urgent = Refer("gp1", "P1", "lw1", "urgent");
  w_.clock.Set(testing::kNow + 2 * 86400);
  std::int64_t last = Refer();
  Refer("gp3", "P3", "lw2");  // another PCN's
  auto list = cw().WaitingList(w_.As("lw1"), {});
  ASSERT_TRUE(list.ok()) << list.status().message();
  ASSERT_EQ(list->items.size(), 3u);
  EXPECT_EQ(list->items[0].referral_id, urgent);
  EXPECT_EQ(list->items[1].referral_id, first);
  EXPECT_EQ(list->items[2].referral_id, last);
  EXPECT_EQ(DaysWaiting(list->items[1].received_at, std::nullopt, w_.clock.Now()), 2);
  // The audit row names the referrals shown.
  // The list's scope, and a row for each case shown (hardening finding 4: who has seen this
  // person's record has a complete answer).
  auto rows = w_.audit->List({.record_type = "case_list"});
  ASSERT_FALSE(rows->empty());
  EXPECT_EQ(rows->front().record_id.find(std::to_string(urgent)), std::string::npos);
  auto each = w_.audit->List({.record_type = "case", .record_id = std::to_string(urgent)});
  ASSERT_TRUE(each.ok());
  ASSERT_FALSE(each->empty());
  EXPECT_EQ(each->front().action, "case.waiting_list");
  EXPECT_EQ(each->front().username, "lw1");
}

TEST_F(CaseworkTest, TheCaseloadHoldsContactedAndActiveCasesWithTheNextActionDueFirst) {
  std::int64_t a = ActiveCase();
  std::int64_t b = Refer();
  ASSERT_TRUE(cw().LogContact(w_.As("lw1"), b, Phone()).ok());
  ASSERT_TRUE(cw().SetNextAction(w_.As("lw1"), b, "Call back about the group", "2026-11-25").ok());
  ASSERT_TRUE(cw().SetNextAction(w_.As("lw1"), a, "Review", "2026-12-01").ok());
  Refer();  // still waiting
  auto list = cw().Caseload(w_.As("lw1"), {.link_worker = "lw1"});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->items.size(), 2u);
  EXPECT_EQ(list->items[0].referral_id, b);
  EXPECT_EQ(list->items[0].next_action, "Call back about the group");
  EXPECT_EQ(list->items[1].referral_id, a);
  EXPECT_EQ(list->items[1].state, "active");
}

TEST_F(CaseworkTest, LoadIsShownAgainstCapacityAndAPcnCanBeOverCapacity) {
  for (int i = 0; i < 3; ++i) Refer();
  auto me = w_.As("lw1");
  ASSERT_TRUE(cw().SetSettings(me, "lw1", 2, std::nullopt, "01432 000000", "lw1@nhs.net").ok());
  ASSERT_TRUE(cw().SetSettings(w_.As("admin"), "lw3", 1, std::nullopt, "", "").ok());
  auto load = cw().Load(me, "");
  ASSERT_TRUE(load.ok()) << load.status().message();
  ASSERT_EQ(load->link_workers.size(), 2u);
  EXPECT_EQ(load->capacity, 3);
  EXPECT_EQ(load->year, 3);
  EXPECT_FALSE(load->over_capacity());
  Refer();
  load = cw().Load(me, "");
  EXPECT_TRUE(load->over_capacity());
  auto fresh = cw().GetLinkWorker(me, "lw2");  // another PCN's reads as nobody
  EXPECT_EQ(fresh.status().code(), Code::kNotFound);
  auto lw3 = cw().GetLinkWorker(me, "lw3");
  ASSERT_TRUE(lw3.ok());
  EXPECT_EQ(lw3->capacity, 1);
  EXPECT_EQ(cw().GetLinkWorker(me, "lw1")->email, "lw1@nhs.net");
}

TEST_F(CaseworkTest, ANewLinkWorkerHasTheDefaultCapacity) {
  auto lw = cw().GetLinkWorker(w_.As("lw1"), "lw1");
  ASSERT_TRUE(lw.ok());
  EXPECT_EQ(lw->capacity, 250);
}

TEST_F(CaseworkTest, APcnLeadReassignsManyCasesAndTheHistoryKeepsWhoHeldThem) {
  std::int64_t a = Refer();
  std::int64_t b = Refer();
  // Not yet the lead.
  EXPECT_EQ(cw().Assign(w_.As("lw1"), {a, b}, "lw3").status().code(), Code::kForbidden);
  ASSERT_TRUE(cw().SetSettings(w_.As("admin"), "lw1", 250, true, "", "").ok());
  w_.clock.Set(testing::kNow + 3600);
  auto moved = cw().Assign(w_.As("lw1"), {a, b}, "lw3");
  ASSERT_TRUE(moved.ok()) << moved.status().message();
  EXPECT_EQ(*moved, 2);
  auto file = cw().Open(w_.As("lw3"), a);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->row->link_worker_username, "lw3");
  ASSERT_EQ(file->holders.size(), 2u);
  EXPECT_EQ(file->holders[0].name, "User lw1");
  EXPECT_EQ(file->holders[0].until_at, testing::kNow + 3600);
  EXPECT_EQ(file->holders[1].name, "User lw3");
  EXPECT_FALSE(file->holders[1].until_at);
  EXPECT_EQ(cw().WaitingList(w_.As("lw3"), {.link_worker = "lw3"})->total, 2);
}

TEST_F(CaseworkTest, AReassignmentToAnotherPcnsLinkWorkerIsRefusedWholly) {
  std::int64_t a = Refer();
  std::int64_t b = Refer();
  auto moved = cw().Assign(w_.As("admin"), {a, b}, "lw2");
  ASSERT_EQ(moved.status().code(), Code::kInvalid);
  EXPECT_EQ(Field(moved.status(), "link_worker"), "is not a link worker in the case's PCN");
  auto file = cw().Open(w_.As("lw1"), b);
  EXPECT_EQ(file->row->link_worker_username, "lw1");
  EXPECT_EQ(file->holders.size(), 1u);
}

TEST_F(CaseworkTest, TheFirstContactMovesAnAcceptedReferralToContacted) {
  std::int64_t id = Refer();
  auto contact =
      cw().LogContact(w_.As("lw1"), id, {"face_to_face_practice", "2026-11-24", 45, "P2"});
  ASSERT_TRUE(contact.ok()) << contact.status().message();
  auto file = cw().Open(w_.As("lw1"), id);
  EXPECT_EQ(file->referral.referral.state, ReferralState::kContacted);
  EXPECT_EQ(file->row->state, "contacted");
  ASSERT_EQ(file->contacts.size(), 1u);
  EXPECT_EQ(file->contacts[0].contact.minutes, 45);
  // It counts toward the practice's presence.
  auto presence = cw().PracticeLinkWorkers(w_.As("gp2"), "P2");
  ASSERT_TRUE(presence.ok());
  EXPECT_EQ(presence->face_to_face_90_days, 1);
}

TEST_F(CaseworkTest, AContactInTheFutureOrOfAnUnknownKindIsRefusedByField) {
  std::int64_t id = Refer();
  auto bad = cw().LogContact(w_.As("lw1"), id, {"carrier_pigeon", "2026-11-25", 0, ""});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(Field(bad.status(), "kind"), "");
  EXPECT_EQ(Field(bad.status(), "date"), "must not be in the future");
  EXPECT_EQ(Field(bad.status(), "minutes"), "must be from 1 to 600");
  auto elsewhere =
      cw().LogContact(w_.As("lw1"), id, {"face_to_face_practice", "2026-11-24", 5, "P3"});
  EXPECT_EQ(Field(elsewhere.status(), "practice"), "is not a practice in this PCN");
  EXPECT_TRUE(cw().Open(w_.As("lw1"), id)->contacts.empty());
}

TEST_F(CaseworkTest, WhatMattersIsRecordedByDomainWithAnIntensity) {
  std::int64_t id = Refer();
  WhatMatters what{{{"loneliness", "Misses the choir since moving"}, {"money", "Gas bill arrears"}},
                   "medium"};
  ASSERT_TRUE(cw().SetWhatMatters(w_.As("lw1"), id, what).ok());
  auto file = cw().Open(w_.As("lw1"), id);
  EXPECT_EQ(file->what_matters.domains.at("loneliness"), "Misses the choir since moving");
  EXPECT_EQ(file->what_matters.intensity, "medium");
  EXPECT_EQ(file->row->intensity, "medium");
  auto bad = cw().SetWhatMatters(w_.As("lw1"), id, {{{"astrology", "x"}}, "extreme"});
  EXPECT_EQ(Field(bad, "domains.astrology"), "is not a what-matters domain");
  EXPECT_NE(Field(bad, "intensity"), "");
}

TEST_F(CaseworkTest, APlanIsSavedWholeAndAFirstPlanMakesTheCaseActive) {
  std::int64_t id = Refer();
  ASSERT_TRUE(cw().LogContact(w_.As("lw1"), id, Phone()).ok());
  auto plan = cw().SavePlan(w_.As("lw1"), id, TwoGoals());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  EXPECT_EQ(plan->goals.size(), 2u);
  EXPECT_EQ(plan->review_date, "2027-01-05");
  EXPECT_EQ(w_.referrals->GetReferral(w_.As("lw1"), id)->state, ReferralState::kActive);
  ASSERT_TRUE(cw().RecordReview(w_.As("lw1"), id, "2026-11-24", "Going well").ok());
  EXPECT_EQ(cw().GetPlan(w_.As("lw1"), id)->reviews.size(), 1u);
}

TEST_F(CaseworkTest, APlanWithOneBadGoalSavesNoneOfIt) {
  std::int64_t id = ActiveCase();
  PlanInput three = TwoGoals();
  three.goals.push_back({"", "money", "2027-02-01", "not_started"});
  three.goals[0].text = "Changed";
  auto saved = cw().SavePlan(w_.As("lw1"), id, three);
  ASSERT_EQ(saved.status().code(), Code::kInvalid);
  EXPECT_EQ(Field(saved.status(), "goals[2].text"), "is required");
  auto plan = cw().GetPlan(w_.As("lw1"), id);
  ASSERT_EQ(plan->goals.size(), 2u);
  EXPECT_EQ(plan->goals[0].text, "Join a walking group");
}

TEST_F(CaseworkTest, MeasuresAreScoredAndAScoreOutsideTheScaleIsRefused) {
  std::int64_t id = ActiveCase();
  auto ons =
      cw().RecordMeasure(w_.As("lw1"), id, "ons4", "baseline",
                         {{"satisfied", 4}, {"worthwhile", 5}, {"happy", 3}, {"anxious", 8}});
  ASSERT_TRUE(ons.ok()) << ons.status().message();
  ASSERT_EQ(ons->scores.size(), 4u);
  auto ucla = cw().RecordMeasure(w_.As("lw1"), id, "ucla3", "baseline",
                                 {{"companionship", 3}, {"left_out", 3}});
  ASSERT_TRUE(ucla.ok());
  ASSERT_EQ(ucla->scores.size(), 1u);
  EXPECT_FALSE(ucla->scores[0].value);  // a missing item: no score, never zero
  auto bad = cw().RecordMeasure(w_.As("lw1"), id, "ons4", "baseline", {{"satisfied", 11}});
  ASSERT_EQ(bad.status().code(), Code::kInvalid);
  EXPECT_NE(Field(bad.status(), "answers.satisfied"), "");
  auto unknown = cw().RecordMeasure(w_.As("lw1"), id, "nope", "sometime", {{"a", 1}});
  EXPECT_NE(Field(unknown.status(), "measure"), "");
  EXPECT_NE(Field(unknown.status(), "timepoint"), "");
  EXPECT_EQ(cw().Open(w_.As("lw1"), id)->measures.size(), 2u);
}

TEST_F(CaseworkTest, AConnectionGoesOfferedAgreedSentAttended) {
  std::int64_t id = ActiveCase();
  auto k = cw().Connect(w_.As("lw1"), id, "V1", "");
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(k->state, "offered");
  EXPECT_EQ(k->service_name, "Community Group");
  EXPECT_EQ(cw().MoveConnection(w_.As("lw1"), k->id, "attended", "").status().code(),
            Code::kConflict);
  ASSERT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
  ASSERT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
  auto declined = cw().MoveConnection(w_.As("lw1"), k->id, "declined", "");
  EXPECT_EQ(Field(declined.status(), "reason"), "is required");
  auto attended = cw().MoveConnection(w_.As("lw1"), k->id, "attended", "");
  ASSERT_TRUE(attended.ok());
  EXPECT_EQ(attended->state, "attended");
  EXPECT_EQ(cw().Connect(w_.As("lw1"), id, "P1", "").status().code(), Code::kInvalid);
  // Another PCN's link worker cannot move it.
  EXPECT_EQ(cw().MoveConnection(w_.As("lw2"), k->id, "agreed", "").status().code(),
            Code::kNotFound);
}

TEST_F(CaseworkTest, EveryChangeIsAnEventInTheCaseHistoryAndAudited) {
  std::int64_t id = ActiveCase();
  ASSERT_TRUE(cw().AddNote(w_.As("lw1"), id, "Prefers mornings", false).ok());
  auto file = cw().Open(w_.As("lw1"), id);
  std::vector<std::string> kinds;
  for (const auto& e : file->events) kinds.push_back(e.kind);
  EXPECT_EQ(kinds, (std::vector<std::string>{"assigned", "contact", "plan", "note"}));
  EXPECT_EQ(AuditRows("case.contact"), 1);
  EXPECT_EQ(AuditRows("case.plan"), 1);
  EXPECT_EQ(AuditRows("case.note"), 1);
  EXPECT_EQ(AuditRows("case.read"), 1);
}

TEST_F(CaseworkTest, AReferrerSeesOnlyTheNotesMarkedShareable) {
  std::int64_t id = ActiveCase();
  ASSERT_TRUE(cw().AddNote(w_.As("lw1"), id, "Private: family conflict", false).ok());
  ASSERT_TRUE(cw().AddNote(w_.As("lw1"), id, "Now going to the walking group", true).ok());
  auto seen = cw().Notes(w_.As("gp1"), id);
  ASSERT_TRUE(seen.ok()) << seen.status().message();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ((*seen)[0].text, "Now going to the walking group");
  EXPECT_EQ(cw().Notes(w_.As("lw1"), id)->size(), 2u);
  EXPECT_EQ(cw().Notes(w_.As("gp3"), id).status().code(), Code::kNotFound);
}

TEST_F(CaseworkTest, ACaseIsNotFoundForAnotherPcnOrAnotherRole) {
  std::int64_t id = ActiveCase();
  for (const char* who : {"lw2", "gp1", "vcse", "commissioner", "admin"}) {
    EXPECT_EQ(cw().Open(w_.As(who), id).status().code(), Code::kNotFound) << who;
    EXPECT_EQ(cw().LogContact(w_.As(who), id, Phone()).status().code(), Code::kNotFound) << who;
  }
  EXPECT_EQ(cw().Open(w_.As("lw1"), 999999).status().code(), Code::kNotFound);
  EXPECT_EQ(cw().WaitingList(w_.As("lw1"), {.pcn = "PCN2"}).status().code(), Code::kForbidden);
  EXPECT_EQ(cw().WaitingList(w_.As("gp1"), {}).status().code(), Code::kForbidden);
  EXPECT_TRUE(cw().WaitingList(w_.As("admin"), {.pcn = "PCN1"}).ok());
  EXPECT_EQ(cw().ListFeedback(w_.As("lw1"), 1).status().code(), Code::kForbidden);
}

TEST_F(CaseworkTest, ASafeguardingConcernFlagsTheCaseAndStaysOutOfFeedbackUnlessShared) {
  std::int64_t id = ActiveCase();
  ConcernInput concern{"Bruising seen on arms", "2026-11-23", "Practice safeguarding lead",
                       "Referred to adult social care", false};
  ASSERT_TRUE(cw().RaiseConcern(w_.As("lw1"), id, concern).ok());
  auto list = cw().Caseload(w_.As("lw1"), {});
  ASSERT_EQ(list->items.size(), 1u);
  EXPECT_TRUE(list->items[0].safeguarding);
  auto bad = cw().RaiseConcern(w_.As("lw1"), id, {"", "2030-01-01", "", "", false});
  EXPECT_EQ(Field(bad.status(), "concern"), "is required");
  EXPECT_EQ(Field(bad.status(), "occurred_on"), "must not be in the future");
  ASSERT_TRUE(cw().Discharge(w_.As("lw1"), id, "goals_met", "Settled and attending").ok());
  auto feedback = cw().ListFeedback(w_.As("gp1"), 1);
  ASSERT_EQ(feedback->items.size(), 1u);
  auto shown = w_.audit->List(
      {.record_type = "feedback", .record_id = std::to_string(feedback->items[0].id)});
  ASSERT_TRUE(shown.ok());
  ASSERT_FALSE(shown->empty());
  EXPECT_EQ(shown->front().action, "feedback.list");
  auto read = cw().ReadFeedback(w_.As("gp1"), feedback->items[0].id);
  ASSERT_TRUE(read.ok());
  std::string all = FeedbackToJson(read->message);
  EXPECT_EQ(all.find("Bruising"), std::string::npos);
}

TEST_F(CaseworkTest, ASharedConcernAppearsInTheFeedback) {
  std::int64_t id = ActiveCase();
  ASSERT_TRUE(cw().RaiseConcern(w_.As("lw1"), id,
                                {"Carer under strain", "2026-11-23", "GP",
                                 "Carers' assessment asked for", true})
                  .ok());
  ASSERT_TRUE(cw().Discharge(w_.As("lw1"), id, "some_goals_met", "Better supported").ok());
  auto feedback = cw().ListFeedback(w_.As("gp1"), 1);
  auto read = cw().ReadFeedback(w_.As("gp1"), feedback->items[0].id);
  EXPECT_NE(FeedbackToJson(read->message).find("Carer under strain"), std::string::npos);
}

TEST_F(CaseworkTest, DischargeWritesExactlyOneFeedbackMessageToTheReferrersPractice) {
  std::int64_t id = ActiveCase();
  ASSERT_TRUE(cw().RecordMeasure(w_.As("lw1"), id, "ucla3", "baseline",
                                 {{"companionship", 3}, {"left_out", 3}, {"isolated", 2}})
                  .ok());
  ASSERT_TRUE(cw().RecordMeasure(w_.As("lw1"), id, "ucla3", "follow_up",
                                 {{"companionship", 1}, {"left_out", 2}, {"isolated", 1}})
                  .ok());
  auto k = cw().Connect(w_.As("lw1"), id, "V1", "");
  ASSERT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
  ASSERT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
  ASSERT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "attended", "").ok());
  auto bad = cw().Discharge(w_.As("lw1"), id, "", "");
  EXPECT_EQ(Field(bad.status(), "outcome"), "is required");
  EXPECT_EQ(Field(bad.status(), "summary"), "is required");
  ASSERT_TRUE(cw().Discharge(w_.As("lw1"), id, "goals_met", "Walking weekly with the group").ok());
  // A second close is refused by the referral's life, and there is still one message.
  EXPECT_EQ(cw().Discharge(w_.As("lw1"), id, "goals_met", "Again").status().code(),
            Code::kConflict);
  auto list = cw().ListFeedback(w_.As("gp2"), 1);  // the same practice? no: P2
  EXPECT_EQ(list->total, 0);
  list = cw().ListFeedback(w_.As("gpsystem"), 1);  // P1, like gp1
  ASSERT_EQ(list->total, 1);
  EXPECT_EQ(cw().UnreadFeedback(w_.As("gp1")), 1);
  auto read = cw().ReadFeedback(w_.As("gp1"), list->items[0].id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->referral_id, id);
  EXPECT_EQ(cw().UnreadFeedback(w_.As("gp1")), 0);
  std::string text = FeedbackToJson(read->message);
  EXPECT_NE(text.find("Walking weekly with the group"), std::string::npos);
  EXPECT_NE(text.find("Community Group"), std::string::npos);
  EXPECT_NE(text.find("improved from 8 to 4"), std::string::npos) << text;
  EXPECT_NE(text.find("Clinical summary"), std::string::npos);
  EXPECT_NE(text.find("871731000000106"), std::string::npos);  // the coded acceptance
  EXPECT_EQ(cw().ReadFeedback(w_.As("gp3"), list->items[0].id).status().code(), Code::kNotFound);
}

TEST_F(CaseworkTest, ClosingThroughTheReferralsOwnStepAlsoWritesTheMessage) {
  std::int64_t id = ActiveCase();
  Move("lw1", id, ReferralState::kClosed, "disengaged");
  EXPECT_EQ(cw().ListFeedback(w_.As("gp1"), 1)->total, 1);
  EXPECT_TRUE(cw().Open(w_.As("lw1"), id)->row->ended_at);
}

TEST_F(CaseworkTest, ASelfReferralGetsNoMessage) {
  std::int64_t id = ActiveCase();
  Status s = w_.database->Write([&](sql::Tx& tx) {
    sql::Query(tx, "UPDATE referrals SET referrer_profession = 'self_referral' WHERE id = $1", id)
        .Run();
    return Status::Ok();
  });
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(cw().Discharge(w_.As("lw1"), id, "goals_met", "Done").ok());
  EXPECT_EQ(cw().ListFeedback(w_.As("gp1"), 1)->total, 0);
  EXPECT_FALSE(cw().Open(w_.As("lw1"), id)->feedback);
}

TEST_F(CaseworkTest, ALinkWorkerSeesThePersonsEarlierReferralsInTheirPcn) {
  std::int64_t first = ActiveCase();
  ASSERT_TRUE(cw().Discharge(w_.As("lw1"), first, "goals_met", "Done").ok());
  std::int64_t again = Refer("gp2", "P2");
  Refer("gp3", "P3", "lw2");  // the same person in another PCN
  auto file = cw().Open(w_.As("lw1"), again);
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->earlier.size(), 1u);
  EXPECT_EQ(file->earlier[0].referral_id, first);
  EXPECT_EQ(file->earlier[0].state, "closed");
}

TEST_F(CaseworkTest, PresenceTellsAPracticeWhoTheirLinkWorkerIsAndWhenTheyAreNextIn) {
  // kNow is Tuesday 2026-11-24, 10:00.
  ASSERT_TRUE(
      cw().SetPresence(
              w_.As("lw1"), "lw1",
              {{2, "afternoon", "P1", ""}, {4, "morning", "P1", ""}, {1, "morning", "P2", ""}})
          .ok());
  auto p1 = cw().PracticeLinkWorkers(w_.As("gp1"), "P1");
  ASSERT_TRUE(p1.ok());
  ASSERT_FALSE(p1->link_workers.empty());
  EXPECT_EQ(p1->link_workers[0].link_worker.username, "lw1");
  EXPECT_EQ(p1->link_workers[0].here.size(), 2u);
  EXPECT_EQ(p1->link_workers[0].next_in, "2026-11-24 afternoon");
  auto bad = cw().SetPresence(w_.As("lw1"), "lw1", {{6, "evening", "P3", ""}});
  EXPECT_NE(Field(bad, "sessions[0].weekday"), "");
  EXPECT_NE(Field(bad, "sessions[0].session"), "");
  EXPECT_EQ(Field(bad, "sessions[0].practice"), "is not a practice in the link worker's PCN");
  EXPECT_EQ(cw().SetPresence(w_.As("lw3"), "lw1", {}).code(), Code::kForbidden);
  EXPECT_EQ(cw().GetPresence(w_.As("lw1"), "lw1")->size(), 3u);
}

// Hardening finding 4: a refused attempt at a case is audited, and answers as if there were none.
TEST_F(CaseworkTest, ARefusedCaseReadIsAuditedAndLooksMissing) {
  std::int64_t id = ActiveCase();
  EXPECT_EQ(cw().Open(w_.As("lw2"), id).status().code(), Code::kNotFound);  // PCN2
  EXPECT_EQ(cw().Open(w_.As("gp1"), id).status().code(), Code::kNotFound);
  EXPECT_EQ(cw().Open(w_.As("lw2"), 999999).status().code(), Code::kNotFound);
  auto rows = w_.audit->List({.record_type = "case", .record_id = std::to_string(id)});
  int refused = 0;
  for (const auto& r : *rows) refused += r.action == "case.read.refused" ? 1 : 0;
  EXPECT_EQ(refused, 2);
}

}  // namespace
}  // namespace linkway
