using Marten;
using TrustSafety.Incident.Http;
using TrustSafety.Incident.Incidents;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.Platform;

namespace TrustSafety.Incident.RecordingActions;

public sealed record InformParentsRequest(DateOnly? InformedOn, string? Whom, string? Rationale);

public sealed record ParentsNotInformedRequest(string? Reason);

public sealed record InformHeadteacherRequest(DateOnly? InformedOn, string? Rationale);

/// <summary>Agency: optionally, the agencies directory's code of whom advice was sought from (issue 15).</summary>
public sealed record AdviceSoughtRequest(DateOnly? SoughtOn, string? Whom, string? Advice, string? Agency = null);

public sealed record SanctionRequest(string? Sanction, string? PupilId, string? Rationale);

public sealed record SupportRequest(string? Support, string? PupilId, string? Rationale);

/// <summary>DeviceReference is what device-register's custody chain links to (asset tag or device id).</summary>
public sealed record SecureDeviceRequest(string? DeviceReference, Guid? DeviceId, string? SealedLocation, string? Rationale);

/// <summary>Actions on an open incident, each a fact with who, when and why.</summary>
public static class RecordAction
{
    public const string Invalid = "The action could not be recorded";

    public static Decision InformParents(OnlineSafetyIncident incident, InformParentsRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors()
            .Required(request.Whom, "whom", "who was informed, e.g. \"mother\", \"both parents\", \"carer\".", 200)
            .Required(request.Rationale, "rationale", "why parents/carers were informed now.");
        errors.PastDate(request.InformedOn, "informedOn", "the date they were informed", now);
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new ParentsInformed(incident.Id, actionId, actor.Id, actor.Name, now, request.InformedOn!.Value,
            request.Whom!.Trim(), request.Rationale!.Trim()));
    }

    public static Decision ParentsNotInformed(OnlineSafetyIncident incident, ParentsNotInformedRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors().Required(request.Reason, "reason",
            "the reason parents/carers are not informed (e.g. informing them could place the child at risk).");
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new ParentsNotInformed(incident.Id, actionId, actor.Id, actor.Name, now, request.Reason!.Trim()));
    }

    public static Decision InformHeadteacher(OnlineSafetyIncident incident, InformHeadteacherRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors().Required(request.Rationale, "rationale", "what the headteacher was told and why now.");
        errors.PastDate(request.InformedOn, "informedOn", "the date the headteacher was informed", now);
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new HeadteacherInformed(incident.Id, actionId, actor.Id, actor.Name, now, request.InformedOn!.Value,
            request.Rationale!.Trim()));
    }

    public static Decision SeekAdvice(OnlineSafetyIncident incident, AdviceSoughtRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors()
            .Required(request.Whom, "whom", "whom advice was sought from, e.g. \"LA education safeguarding advice line\", \"MASH\".", 200)
            .Required(request.Advice, "advice", "what was advised.")
            .OneOf(request.Agency, Agencies.AgencyKinds.Codes, "agency", required: false);
        errors.PastDate(request.SoughtOn, "soughtOn", "the date advice was sought", now);
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new AdviceSought(incident.Id, actionId, actor.Id, actor.Name, now, request.SoughtOn!.Value,
            request.Whom!.Trim(), request.Advice!.Trim(), request.Agency));
    }

    public static Decision Sanction(OnlineSafetyIncident incident, SanctionRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors()
            .Required(request.Sanction, "sanction", "the sanction under the behaviour policy.", 1000)
            .Required(request.Rationale, "rationale", "why this sanction.");
        InvolvedPupil(incident, request.PupilId, errors);
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new SanctionApplied(incident.Id, actionId, actor.Id, actor.Name, now, request.Sanction!.Trim(),
            request.PupilId, request.Rationale!.Trim()));
    }

    public static Decision Support(OnlineSafetyIncident incident, SupportRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors()
            .Required(request.Support, "support", "the support offered (e.g. pastoral sessions, counselling).", 1000)
            .Required(request.Rationale, "rationale", "why this support.");
        InvolvedPupil(incident, request.PupilId, errors);
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new SupportOffered(incident.Id, actionId, actor.Id, actor.Name, now, request.Support!.Trim(),
            request.PupilId, request.Rationale!.Trim()));
    }

    public static Decision SecureDevice(OnlineSafetyIncident incident, SecureDeviceRequest request, Actor actor, DateTimeOffset now, Guid actionId)
    {
        if (Closed(incident) is { } closed) return closed;
        var errors = new FieldErrors()
            .Required(request.DeviceReference, "deviceReference", "the device's asset tag or device-register id, so its custody chain links here.", 200)
            .Required(request.Rationale, "rationale", "why the device was secured (e.g. may hold evidence: not shut down, moved to a secure site).");
        if (errors.Any) return errors.Reject(Invalid);
        return Decision.Accept(new DeviceSecured(incident.Id, actionId, actor.Id, actor.Name, now, request.DeviceReference!.Trim(),
            request.DeviceId, request.SealedLocation?.Trim(), request.Rationale!.Trim()));
    }

    private static Decision? Closed(OnlineSafetyIncident incident) => incident.IsClosed
        ? Decision.Conflict("The incident is closed", "Reopen the incident (POST /incidents/{id}/reopen) before recording actions.")
        : null;

    private static void InvolvedPupil(OnlineSafetyIncident incident, string? pupilId, FieldErrors errors) =>
        errors.When(pupilId is not null && !incident.PupilIds.Contains(pupilId), "pupilId",
            $"pupilId '{pupilId}' is not involved in this incident; use one of: {string.Join(", ", incident.PupilIds)}.");

    public static void Map(RouteGroupBuilder group)
    {
        Action(group, "parents-informed", "RecordParentsInformed", "Record that parents/carers were informed",
            (InformParentsRequest r) => (i, a, n, id) => InformParents(i, r, a, n, id));
        Action(group, "parents-not-informed", "RecordParentsNotInformed", "Record that parents/carers are not informed, and why",
            (ParentsNotInformedRequest r) => (i, a, n, id) => ParentsNotInformed(i, r, a, n, id));
        Action(group, "headteacher-informed", "RecordHeadteacherInformed", "Record that the headteacher was informed (a route step)",
            (InformHeadteacherRequest r) => (i, a, n, id) => InformHeadteacher(i, r, a, n, id));
        Action(group, "advice-sought", "RecordAdviceSought", "Record advice sought, from whom and what was advised (a route step)",
            (AdviceSoughtRequest r) => (i, a, n, id) => SeekAdvice(i, r, a, n, id));
        Action(group, "sanction", "RecordSanction", "Record a sanction under the behaviour policy",
            (SanctionRequest r) => (i, a, n, id) => Sanction(i, r, a, n, id));
        Action(group, "support", "RecordSupport", "Record support offered",
            (SupportRequest r) => (i, a, n, id) => Support(i, r, a, n, id));
        Action(group, "device-secured", "RecordDeviceSecured", "Record that a device was secured (links to device-register)",
            (SecureDeviceRequest r) => (i, a, n, id) => SecureDevice(i, r, a, n, id));
    }

    private delegate Decision Decider(OnlineSafetyIncident incident, Actor actor, DateTimeOffset now, Guid actionId);

    private static void Action<TRequest>(RouteGroupBuilder group, string kind, string name, string summary, Func<TRequest, Decider> decider) =>
        group.MapPost($"/incidents/{{id:guid}}/actions/{kind}", (Guid id, TRequest request, HttpContext http, IDocumentSession session,
                CurrentUser user, TimeProvider clock) =>
            {
                var actionId = Guid.CreateVersion7();
                return Changes.Apply(http, session, user, clock, id, (i, a, n) => decider(request)(i, a, n, actionId), _ => actionId);
            })
            .RequireAuthorization(PlatformPolicies.SafeguardingTeam)
            .WithName(name)
            .WithSummary(summary + " (safeguarding team; If-Match required)")
            .ProducesChangeProblems();
}
