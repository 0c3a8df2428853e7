using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Incident.RecordingEvidence;

/// <summary>DelegateId is the delegate's sign-in id (the token's subject); Instruction is the DSL's written delegation.</summary>
public sealed record ImageryViewingDelegationRequest(string? DelegateId, string? DelegateName, string? DelegateRole, string? Instruction);

/// <summary>The DSL delegates viewing one incident's imagery, in writing, to a named deputy DSL or the headteacher.</summary>
public static class DelegateImageryViewing
{
    public static readonly IReadOnlyList<string> DelegateRoles = [PlatformRoles.DeputyDsl, PlatformRoles.Headteacher];

    public static Decision Decide(
        OnlineSafetyIncident incident, ImageryViewingDelegationRequest request, Actor actor, DateTimeOffset now, Guid delegationId)
    {
        if (!actor.IsDsl)
            return Decision.Forbidden("Only the DSL may delegate viewing imagery", "The delegation is the DSL's written decision (UKCIS).");
        if (RecordImageryViewed.NotAboutImagery(incident) is { } conflict) return conflict;
        var errors = new FieldErrors()
            .Required(request.DelegateId, "delegateId", "the delegate's sign-in id.", 200)
            .Required(request.DelegateName, "delegateName", "the delegate's name as the timeline should show it.", 200)
            .OneOf(request.DelegateRole, DelegateRoles, "delegateRole")
            .Required(request.Instruction, "instruction", "the written delegation: why this person, and for what.", 2000);
        if (errors.Any) return errors.Reject("The delegation could not be recorded");
        return Decision.Accept(new ImageryViewingDelegated(incident.Id, delegationId, actor.Id, actor.Name, now, request.DelegateId!.Trim(),
            request.DelegateName!.Trim(), request.DelegateRole!, request.Instruction!.Trim()));
    }

    public static void Map(RouteGroupBuilder group) => group
        .MapPost("/incidents/{id:guid}/imagery-viewing-delegations", (Guid id, ImageryViewingDelegationRequest request, HttpContext http,
                IDocumentSession session, CurrentUser user, TimeProvider clock) =>
            {
                var delegationId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => Decide(i, request, a, n, delegationId), _ => delegationId);
            })
        .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
        .WithName("DelegateImageryViewing")
        .WithSummary("Delegate viewing this incident's imagery, in writing, to a deputy DSL or the headteacher (DSL; If-Match required)")
        .ProducesChangeProblems();
}
