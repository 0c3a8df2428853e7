using TrustSafety.Consent.RecordingStaffAccounts;
using static TrustSafety.Consent.Tests.Fixtures.Given;

namespace TrustSafety.Consent.Tests.RecordingStaffAccounts;

/// <summary>POST /roster/staff-accounts' decider: each member of staff listed gets exactly the accounts listed, on their own stream.</summary>
public sealed class RecordingStaffAccountsTests
{
    public static TheoryData<string?, string, string> Staff => new()
    {
        // the accounts held (null: none recorded yet), the accounts listed, what happens: "started", "changed" or "unchanged"
        { null, "j.smith", "started" },
        { "j.smith", "j.smith", "unchanged" },
        { "j.smith;jsmith", "jsmith;j.smith", "unchanged" },
        { "j.smith", "j.smith;jsmith", "changed" },
        { "j.smith;jsmith", "jsmith", "changed" },
    };

    [Theory]
    [MemberData(nameof(Staff))]
    public void a_member_of_staff_gets_exactly_the_accounts_listed_on_their_own_stream(string? held, string listed, string outcome)
    {
        var id = StreamIds.StaffAccounts("staff-1");
        var accounts = listed.Split(';').ToList();
        var current = new Dictionary<Guid, StaffAccounts?>
        {
            [id] = held is null ? null : StaffAccounts.Create(new StaffSignInAccountsSet("staff-1", held.Split(';'), Now)),
        };

        var decision = RecordStaffAccounts.Decide(current, new Dictionary<string, List<string>> { ["staff-1"] = accounts }, Now);

        decision.Accepted.ShouldBeTrue();
        decision.Events.ShouldBeEmpty("every event is addressed to a member of staff's stream");
        var set = new StaffSignInAccountsSet("staff-1", accounts, Now);
        if (outcome == "started")
        {
            var started = decision.Started.ShouldHaveSingleItem();
            (started.StreamId, started.AggregateType).ShouldBe((id, typeof(StaffAccounts)));
            started.Events.ShouldBe([set]);
        }
        else decision.Started.ShouldBeEmpty();
        StreamEvent[] changed = outcome == "changed" ? [new StreamEvent(id, set)] : [];
        decision.Elsewhere.ShouldBe(changed);
        RecordStaffAccounts.Answer(false, 1, decision).ShouldBe(new StaffAccountsResult(false, 1, outcome == "unchanged" ? 0 : 1,
            outcome == "unchanged" ? 1 : 0));
    }
}
