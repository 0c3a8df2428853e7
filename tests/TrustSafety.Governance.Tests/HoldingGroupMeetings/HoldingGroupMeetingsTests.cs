using TrustSafety.Governance.Group;
using static TrustSafety.Governance.Tests.Fixtures.Givens;

namespace TrustSafety.Governance.Tests.HoldingGroupMeetings;

public sealed class HoldingGroupMeetingsTests
{
    [Theory]
    [InlineData("2026-11-10", "2026-autumn")]
    [InlineData("2027-02-01", "2027-spring")]
    [InlineData("2027-06-30", "2027-summer")]
    public void a_meeting_belongs_to_the_term_it_was_held_in(string heldOn, string term) =>
        ((GroupMeetingHeld)GroupRules.Hold(Guid.NewGuid(), DateOnly.Parse(heldOn), "DSL, head", "notes", DateOnly.Parse(heldOn), "dsl", Now).Events[0])
            .Term.ShouldBe(term);
}
