using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.Consent.Aups;
using TrustSafety.Contracts.Consent;

namespace TrustSafety.Consent.ExpectingAupSignatories;

/// <summary>Who is expected to sign an audience's AUP besides the pupils on the roll: staff, governors, visitors.</summary>
public static class ExpectAupSignatories
{
    public static void MapAupSignatories(this RouteGroupBuilder api)
    {
        api.MapPut("/aups/{audience}/people/{personId}", Expect).WithName("ExpectAupSignatory").RequireAuthorization(ConsentPolicies.Manage)
            .WithSummary("Add a person (staff, governor, visitor id) expected to sign; pupils come from the roster");
        api.MapDelete("/aups/{audience}/people/{personId}", Unexpect).WithName("StopExpectingAupSignatory").RequireAuthorization(ConsentPolicies.Manage);
    }

    private static async Task<Results<NoContent, ValidationProblem>> Expect(string audience, string personId, IDocumentSession session, CancellationToken ct)
    {
        var v = AupRules.ValidAudience(audience).Id(personId, "personId")
            .Require(audience != AupAudiences.Pupil, "audience", "Pupils come from the roster (POST /roster).");
        if (!v.IsValid) return v.Problem();
        session.Store(new AupPerson { Id = AupPerson.KeyOf(audience, personId), Audience = audience, PersonId = personId });
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Unexpect(string audience, string personId, IDocumentSession session, CancellationToken ct)
    {
        var person = await session.LoadAsync<AupPerson>(AupPerson.KeyOf(audience, personId), ct);
        if (person is null) return Rejections.NotFound("Person");
        person.Active = false;
        session.Store(person);
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
