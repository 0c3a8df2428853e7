using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RecordingEvidence;

/// <summary>DelegateId is the delegate's sign-in id (the token's subject); Instruction is the DSL's written delegation.</summary>
public sealed record ImageryViewingDelegationRequest(string? DelegateId, string? DelegateName, string? DelegateRole, string? Instruction);

public sealed record ImageryViewingRevocationRequest(string? Reason);

/// <summary>
/// The DSL delegates viewing one incident's imagery, in writing, to a named deputy DSL or the headteacher, and may revoke
/// that delegation (the DSL is back, the delegate leaves the role): from then on the delegate is refused like anyone else.
/// </summary>
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

    public static Decision Revoke(OnlineSafetyIncident incident, Guid delegationId, ImageryViewingRevocationRequest request, Actor actor,
        DateTimeOffset now)
    {
        if (!actor.IsDsl)
            return Decision.Forbidden("Only the DSL may revoke a delegation to view imagery", "The delegation is the DSL's written decision (UKCIS).");
        var delegation = incident.ImageryDelegations.FirstOrDefault(d => d.Id == delegationId);
        if (delegation is null)
            return Decision.Invalid("No such delegation", new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                ["delegationId"] = [incident.ImageryDelegations.Count == 0
                    ? "This incident has no delegation to view imagery."
                    : $"Use one of this incident's delegations: {string.Join(", ", incident.ImageryDelegations.Select(d => d.Id))}."],
            });
        if (!delegation.Active)
            return Decision.Conflict("The delegation is already revoked", $"It was revoked on {delegation.RevokedAt:yyyy-MM-dd HH:mm} UTC.");
        var errors = new FieldErrors().Required(request.Reason, "reason", "why the delegation ends (e.g. \"I am back from leave\").", 2000);
        if (errors.Any) return errors.Reject("The delegation could not be revoked");
        return Decision.Accept(new ImageryViewingDelegationRevoked(incident.Id, delegationId, actor.Id, actor.Name, now, request.Reason!.Trim()));
    }

    public static void Map(RouteGroupBuilder group)
    {
        MapDelegate(group);
        group.MapPost("/incidents/{id:guid}/imagery-viewing-delegations/{delegationId:guid}/revocation", (Guid id, Guid delegationId,
                ImageryViewingRevocationRequest request, HttpContext http, IDocumentSession session, CurrentUser user, TimeProvider clock) =>
                Changes.Apply(http, session, user, clock, id, (i, a, n) => Revoke(i, delegationId, request, a, n)))
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName("RevokeImageryViewingDelegation")
            .WithSummary("Revoke a delegation to view this incident's imagery, with the reason (DSL; If-Match required)")
            .ProducesChangeProblems();
    }

    private static void MapDelegate(RouteGroupBuilder group) => group
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
