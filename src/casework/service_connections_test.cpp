// Connections to directory services, on SQLite and on PostgreSQL: the link worker connects a
// person to a listed service and sees its capacity; the community organisation answers from
// its inbox (and only its own); a connection left unanswered is reminded at 7 days and
// declined at 14 with the link worker told; each service's reply figures.
#include <gtest/gtest.h>

#include "casework/casework.hpp"
#include "support/test_world.hpp"

namespace linkway {
namespace {

using testing::TestWorld;

class ServiceConnectionsTest : public ::testing::Test {
 protected:
  Casework& cw() { return *w_.casework; }
  ServiceDirectory& dir() { return *w_.services; }

  std::string ListService(const std::string& name = "Riverside walking group") {
    Service s;
    s.name = name;
    s.description = "A gentle walk.";
    s.term_ids = {dir().Term("green_nature")->id};
    auto saved = dir().Save(w_.As("vcse"), s);
    EXPECT_TRUE(saved.ok()) << saved.status().message();
    return saved.ok() ? saved->id : "";
  }

  std::int64_t ActiveCase() {
    auto created = w_.referrals->CreateReferral(w_.As("gp1"), w_.GoodReferral("P1"));
    EXPECT_TRUE(created.ok()) << created.status().message();
    std::int64_t id = created->referral.id;
    EXPECT_TRUE(w_.referrals->Move(w_.As("lw1"), id, {ReferralState::kAccepted, "", ""}).ok());
    EXPECT_TRUE(cw().LogContact(w_.As("lw1"), id, {"phone", "2026-11-23", 20, ""}).ok());
    return id;
  }

  // A connection to `service`, sent to it.
  Connection Sent(std::int64_t referral, const std::string& service) {
    auto k = cw().Connect(w_.As("lw1"), referral, "", service);
    EXPECT_TRUE(k.ok()) << k.status().message();
    EXPECT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "agreed", "").ok());
    EXPECT_TRUE(cw().MoveConnection(w_.As("lw1"), k->id, "sent", "").ok());
    return *k;
  }

  TestWorld w_;
};

TEST_F(ServiceConnectionsTest, ALinkWorkerConnectsToAListedServiceThatIsTakingPeople) {
  std::string service = ListService();
  std::int64_t id = ActiveCase();
  auto k = cw().Connect(w_.As("lw1"), id, "", service);
  ASSERT_TRUE(k.ok()) << k.status().message();
  EXPECT_EQ(k->service_id, service);
  EXPECT_EQ(k->organisation_code, "V1");
  EXPECT_EQ(k->service_name, "Riverside walking group");
  ASSERT_TRUE(dir().SetCapacity(w_.As("vcse"), service, "not_accepting", 0).ok());
  auto refused = cw().Connect(w_.As("lw1"), id, "", service);
  ASSERT_EQ(refused.status().code(), Code::kInvalid);
  EXPECT_NE(refused.status().fields().at(0).message.find("not taking referrals"),
            std::string::npos);
  ASSERT_TRUE(dir().SetCapacity(w_.As("vcse"), service, "waiting_list", 4).ok());
  EXPECT_TRUE(cw().Connect(w_.As("lw1"), id, "", service).ok());
  EXPECT_EQ(
      cw().Connect(w_.As("lw1"), id, "", "00000000-0000-4000-8000-000000000000").status().code(),
      Code::kInvalid);
}

TEST_F(ServiceConnectionsTest, TheOrganisationAcceptsAndRecordsAttendance) {
  std::string service = ListService();
  std::int64_t id = ActiveCase();
  Connection k = Sent(id, service);
  auto inbox = cw().ServiceInbox(w_.As("vcse"), true, 1);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->items.size(), 1U);
  EXPECT_EQ(inbox->items[0].connection.id, k.id);
  // The inbox showed this person: a row of its own in the audit trail.
  auto shown = w_.audit->List({.record_type = "connection", .record_id = std::to_string(k.id)});
  ASSERT_TRUE(shown.ok());
  ASSERT_FALSE(shown->empty());
  EXPECT_EQ(shown->front().action, "connection.list");
  EXPECT_EQ(inbox->items[0].link_worker_name, w_.As("lw1").display_name);
  EXPECT_FALSE(inbox->items[0].given_name.empty());
  w_.clock.Set(testing::kNow + 2 * 86400);
  auto accepted = cw().AnswerConnection(w_.As("vcse"), k.id, "accepted", "");
  ASSERT_TRUE(accepted.ok()) << accepted.status().message();
  ASSERT_TRUE(cw().AnswerConnection(w_.As("vcse"), k.id, "attended", "").ok());
  auto file = cw().Open(w_.As("lw1"), id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->connections.at(0).state, "attended");
  EXPECT_TRUE(file->connections.at(0).responded_at);
  EXPECT_TRUE(cw().ServiceInbox(w_.As("vcse"), true, 1)->items.empty());
  EXPECT_EQ(cw().ServiceInbox(w_.As("vcse"), false, 1)->items.size(), 1U);
  ReplyStats r = cw().Replies(service);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.answered, 1);
  EXPECT_EQ(r.accepted, 1);
  EXPECT_NEAR(r.median_days, 2.0, 0.01);
  EXPECT_EQ(dir().Replies(service).accepted, 1);  // the directory's page reads the same
}

TEST_F(ServiceConnectionsTest, ADeclineNeedsAReasonAndTellsTheLinkWorker) {
  std::string service = ListService();
  std::int64_t id = ActiveCase();
  Connection k = Sent(id, service);
  auto no_reason = cw().AnswerConnection(w_.As("vcse"), k.id, "declined", "");
  ASSERT_EQ(no_reason.status().code(), Code::kInvalid);
  ASSERT_TRUE(cw().AnswerConnection(w_.As("vcse"), k.id, "declined", "The group is full").ok());
  auto file = cw().Open(w_.As("lw1"), id);
  EXPECT_EQ(file->row->next_action, "Choose another service: Riverside walking group declined");
  EXPECT_EQ(cw().AnswerConnection(w_.As("vcse"), k.id, "accepted", "").status().code(),
            Code::kConflict);
}

TEST_F(ServiceConnectionsTest, OnlyTheServicesOwnOrganisationSeesOrAnswersIt) {
  std::string service = ListService();
  Connection k = Sent(ActiveCase(), service);
  ASSERT_TRUE(w_.organisations->Put({"V2", OrgKind::kVcse, "Other Group", "ICB1", ""}).ok());
  Principal other = w_.As("vcse");
  other.org_code = "V2";
  EXPECT_EQ(cw().ServiceConnection(other, k.id).status().code(), Code::kNotFound);
  EXPECT_EQ(cw().AnswerConnection(other, k.id, "accepted", "").status().code(), Code::kNotFound);
  EXPECT_TRUE(cw().ServiceInbox(other, true, 1)->items.empty());
  // Staff of other roles do not use the service side at all.
  EXPECT_EQ(cw().ServiceInbox(w_.As("lw1"), true, 1).status().code(), Code::kForbidden);
  EXPECT_EQ(cw().AnswerConnection(w_.As("gp1"), k.id, "accepted", "").status().code(),
            Code::kNotFound);
  EXPECT_TRUE(cw().ServiceConnection(w_.As("vcse"), k.id).ok());
}

TEST_F(ServiceConnectionsTest, UnansweredIsRemindedAtSevenDaysAndDeclinedAtFourteen) {
  std::string service = ListService();
  std::int64_t id = ActiveCase();
  Connection k = Sent(id, service);
  w_.clock.Set(testing::kNow + 6 * 86400);
  EXPECT_EQ(cw().Sweep()->reminded, 0);
  w_.clock.Set(testing::kNow + 7 * 86400 + 60);
  auto first = cw().Sweep();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->reminded, 1);
  EXPECT_EQ(first->declined, 0);
  EXPECT_EQ(cw().Sweep()->reminded, 0);  // once
  w_.clock.Set(testing::kNow + 14 * 86400 + 60);
  EXPECT_EQ(cw().Sweep()->declined, 1);
  auto file = cw().Open(w_.As("lw1"), id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->connections.at(0).state, "declined");
  EXPECT_EQ(file->connections.at(0).reason, kNoReplyReason);
  EXPECT_EQ(file->row->next_action,
            "Choose another service: Riverside walking group did not reply");
  bool reminded = false;
  for (const auto& e : file->events)
    reminded = reminded || e.summary.find("reminded") != std::string::npos;
  EXPECT_TRUE(reminded);
  // No answer is not an answer in the service's figures.
  ReplyStats r = cw().Replies(service);
  EXPECT_EQ(r.sent, 1);
  EXPECT_EQ(r.answered, 0);
  (void)k;
}

}  // namespace
}  // namespace linkway
