using System.Text.Json;
using TrustSafety.Incident.PupilContext;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.PupilContext;

/// <summary>Issue 20: the DSL's record of a pupil's context is a pure decision; sealing it is the change path's, before the save.</summary>
public sealed class PupilContextTests
{
    public static TheoryData<string, VulnerabilityFlags, string?> Answers => new()
    {
        { "every question answered no, no note", new(false, false, false, false, false, false, false), null },
        { "looked after with a plan and a note", new(true, false, true, true, false, true, false), "Foster placement since May" },
        { "a young carer", new(false, false, false, false, false, false, true), "Cares for a parent" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void the_answers_are_one_event_on_the_pupils_context_stream_by_the_dsl(string _, VulnerabilityFlags flags, string? note)
    {
        var recorded = PupilContextApi.Decide("P-100", flags, note, Given.Dsl, Given.Now).ShouldAccept<PupilContextRecorded>();

        recorded.ContextId.ShouldBe(PupilContextApi.StreamOf("P-100"));
        recorded.PupilId.ShouldBe("P-100");
        (recorded.By, recorded.ByName, recorded.At).ShouldBe((Given.Dsl.Id, Given.Dsl.Name, Given.Now));
        JsonSerializer.Deserialize<SealedContext>(recorded.Sealed, JsonSerializerOptions.Web).ShouldBe(new SealedContext(flags, note));
    }

    [Fact]
    public void an_incident_counts_once_per_context_however_many_of_its_pupils_have_it_and_a_shredded_context_counts_as_none()
    {
        var none = new VulnerabilityFlags(false, false, false, false, false, false, false);
        var contexts = new Dictionary<string, VulnerabilityFlags>
        {
            ["P-1"] = none with { LookedAfter = true, Send = true },
            ["P-2"] = none with { LookedAfter = true },
            ["P-3"] = none with { YoungCarer = true },
        };
        var counted = VulnerabilityCounts.Count(Guid.NewGuid(), "2027-01", 1, Given.Now,
            [["P-1", "P-2"], ["P-3", "P-erased"], ["P-erased"], []], contexts);

        (counted.Incidents, counted.Of("looked-after"), counted.Of("send"), counted.Of("young-carer"), counted.Of("ehcp")).ShouldBe((4, 1, 1, 1, 0));
        var wire = counted.ToWire("141001", Given.Now);
        (wire.LookedAfter, wire.Send, wire.YoungCarer, wire.Ehcp, wire.PreviouslyLookedAfter).ShouldBe((1, 1, 1, 0, 0));
    }
}
