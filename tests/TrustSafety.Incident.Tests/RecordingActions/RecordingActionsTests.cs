using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.RecordingActions;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.RecordingActions;

public sealed class RecordingActionsTests
{
    private static readonly Guid ActionId = Guid.NewGuid();
    private static readonly DateOnly Today = DateOnly.FromDateTime(Given.Now.UtcDateTime);

    private static Decision Decide(string action, OnlineSafetyIncident incident) => action switch
    {
        "parents informed" => RecordAction.InformParents(incident, new(Today, "mother", "child at no risk from parents"), Given.Dsl, Given.Now, ActionId),
        "parents informed without whom" => RecordAction.InformParents(incident, new(Today, null, "why"), Given.Dsl, Given.Now, ActionId),
        "parents informed without rationale" => RecordAction.InformParents(incident, new(Today, "mother", " "), Given.Dsl, Given.Now, ActionId),
        "parents informed without date" => RecordAction.InformParents(incident, new(null, "mother", "why"), Given.Dsl, Given.Now, ActionId),
        "parents informed tomorrow" => RecordAction.InformParents(incident, new(Today.AddDays(1), "mother", "why"), Given.Dsl, Given.Now, ActionId),
        "parents not informed" => RecordAction.ParentsNotInformed(incident, new("Informing them could place the child at risk"), Given.Dsl, Given.Now, ActionId),
        "parents not informed without reason" => RecordAction.ParentsNotInformed(incident, new(null), Given.Dsl, Given.Now, ActionId),
        "sanction" => RecordAction.Sanction(incident, new("Loss of device privileges", "P-200", "behaviour policy 4.2"), Given.Dsl, Given.Now, ActionId),
        "sanction without rationale" => RecordAction.Sanction(incident, new("Detention", null, null), Given.Dsl, Given.Now, ActionId),
        "sanction for an uninvolved pupil" => RecordAction.Sanction(incident, new("Detention", "P-999", "why"), Given.Dsl, Given.Now, ActionId),
        "support" => RecordAction.Support(incident, new("Weekly pastoral check-in", "P-100", "victim support"), Given.Dsl, Given.Now, ActionId),
        "support without what" => RecordAction.Support(incident, new(null, null, "why"), Given.Dsl, Given.Now, ActionId),
        "device secured" => RecordAction.SecureDevice(incident, new("IPAD-0042", Guid.NewGuid(), "DSL office safe", "may hold evidence"), Given.Dsl, Given.Now, ActionId),
        "device secured without reference" => RecordAction.SecureDevice(incident, new(null, null, null, "why"), Given.Dsl, Given.Now, ActionId),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    [Theory]
    [InlineData("parents informed", typeof(ParentsInformed))]
    [InlineData("parents not informed", typeof(ParentsNotInformed))]
    [InlineData("sanction", typeof(SanctionApplied))]
    [InlineData("support", typeof(SupportOffered))]
    [InlineData("device secured", typeof(DeviceSecured))]
    public void an_action_with_who_when_and_why_is_recorded(string action, Type expected)
    {
        var decision = Decide(action, Given.Triaged());
        decision.Rejection.ShouldBeNull();
        decision.Events.ShouldHaveSingleItem().ShouldBeOfType(expected);
    }

    [Theory]
    [InlineData("parents informed without whom", "whom")]
    [InlineData("parents informed without rationale", "rationale")]
    [InlineData("parents informed without date", "informedOn")]
    [InlineData("parents informed tomorrow", "informedOn")]
    [InlineData("parents not informed without reason", "reason")]
    [InlineData("sanction without rationale", "rationale")]
    [InlineData("sanction for an uninvolved pupil", "pupilId")]
    [InlineData("support without what", "support")]
    [InlineData("device secured without reference", "deviceReference")]
    public void an_action_missing_what_or_why_is_rejected(string action, string field) =>
        Decide(action, Given.Triaged()).ShouldBeInvalid(field);

    [Theory]
    [InlineData("parents informed")]
    [InlineData("parents not informed")]
    [InlineData("sanction")]
    [InlineData("support")]
    [InlineData("device secured")]
    public void no_action_is_recorded_on_a_closed_incident(string action) =>
        Decide(action, Given.Closed()).ShouldBeConflict("closed");

    [Fact]
    public void a_secured_device_keeps_the_reference_device_register_links_to()
    {
        var incident = Given.Triaged();
        incident.Apply(Decide("device secured", incident).ShouldAccept<DeviceSecured>());
        incident.Actions.ShouldHaveSingleItem().DeviceReference.ShouldBe("IPAD-0042");
    }
}
