using TrustSafety.Incident.CorrectingPeople;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.Incident.ReportingConcern;
using TrustSafety.Incident.Tests.Fixtures;

namespace TrustSafety.Incident.Tests.CorrectingPeople;

/// <summary>Issue 14.2: the pure rules of correcting the people involved after a report.</summary>
public sealed class CorrectingPeopleTests
{
    private static Decision Correct(OnlineSafetyIncident incident, CorrectPeopleRequest request, Actor? by = null, long? version = null) =>
        CorrectPeople.Decide(incident, version ?? incident.Version, request, by ?? Given.Dsl, Given.Now, Guid.CreateVersion7());

    [Fact]
    public void a_pupil_named_wrongly_is_replaced_in_place_and_the_state_follows()
    {
        var incident = Given.Reported();
        var decision = Correct(incident, new("correct", 0, new PersonInput("child-victim", "P-300", null, null), "Wrong pupil named"));

        var corrected = decision.Events.ShouldHaveSingleItem().ShouldBeOfType<InvolvedPeopleCorrected>();
        corrected.People.Select(p => p.PupilId).ShouldBe(["P-300", "P-200"]);
        incident.Apply(corrected);
        incident.PupilIds.ShouldBe(["P-300", "P-200"]);
        incident.FormerPeople.ShouldBe(["pupil:P-100"]);
        incident.Timeline.Last().Summary.ShouldBe("Person 1 corrected (child-victim): Wrong pupil named");
    }

    [Fact]
    public void adding_a_staff_instigator_makes_it_an_allegation_and_removing_them_never_clears_it()
    {
        var incident = Given.Reported();
        var added = Correct(incident, new("add", null, new PersonInput("staff-instigator", "S-9", null, "A. Teacher"), "The pupil named a teacher"));
        incident.Apply((InvolvedPeopleCorrected)added.Events.Single());
        incident.AllegationAgainstStaff.ShouldBeTrue();
        incident.Priority.ShouldBe(5, "an allegation awaiting triage leads the queue");

        var removed = Correct(incident, new("remove", 2, null, "Named in error"));
        incident.Apply((InvolvedPeopleCorrected)removed.Events.Single());
        incident.People.Count.ShouldBe(2);
        incident.AllegationAgainstStaff.ShouldBeTrue("a deputy must not gain sight of an allegation by a correction");
    }

    [Fact]
    public void only_the_dsl_or_deputy_corrects_on_the_version_read_and_never_a_duplicate_or_the_last_person()
    {
        var incident = Given.Reported();
        var body = new CorrectPeopleRequest("add", null, new PersonInput("child-victim", "P-400", null, null), "Came to light later");
        Correct(incident, body, Given.Head).Rejection.ShouldBeOfType<NotPermitted>();
        Correct(incident, body, Given.Deputy).Accepted.ShouldBeTrue();
        Correct(incident, body, version: incident.Version + 1).Rejection.ShouldBeOfType<NotAllowedNow>();
        Correct(incident, body with { Person = new PersonInput("child-victim", "P-200", null, null) }).ShouldBeInvalid("person");
        Correct(Given.Closed(), body).Rejection.ShouldBeOfType<NotAllowedNow>();
        Correct(incident, new("correct", 7, new PersonInput("child-victim", null, null, null), "")).ShouldBeInvalid("index", "person.pupilId", "reason");
    }
}
