using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.EventSourcing;
using TrustSafety.Notifications.Notices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Notifications.Delivery;

/// <summary>One email's delivery; <see cref="Version"/> is its stream version (send it as If-Match to retry it).</summary>
public sealed record DeliveryRow(
    Guid Id, string School, string RecipientId, string Address, Urgency Urgency, string Status, int Attempts, int TotalAttempts,
    string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt, long Version);

public sealed record DeliveryPage(int Page, int PageSize, int Total, IReadOnlyList<DeliveryRow> Items);

/// <summary>
/// The delivery record and dead-letter view: the school's DSL sees their school's emails, the trust lead the trust's, the
/// trust IT admin (the operator) every school's. Dead-lettered emails can be sent again.
/// </summary>
public static class DeliveriesApi
{
    private static readonly string[] Statuses = ["pending", "failing", "sent", "dead"];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/deliveries", List).RequireAuthorization(Callers.DeliveryReaders).WithName("ListEmailDeliveries")
            .WithSummary("Emails and their delivery (pending, failing, sent, dead), newest first; status filters, e.g. status=dead.");
        group.MapPost("/deliveries/{id:guid}/retry", Retry).RequireAuthorization(Callers.DeliveryReaders).WithName("RetryEmailDelivery")
            .WithSummary("Sends a dead-lettered email again (If-Match: the delivery's version; 409 when it is pending or sent).")
            .RequiresIfMatch() // before the school of the email is looked for: a request without it is a 428, found or not
            .ProducesChangeProblems();
    }

    private static async Task<Results<Ok<DeliveryPage>, ValidationProblem>> List(
        IDocumentStore store, CurrentUser user, [FromQuery] string? status, [FromQuery] int? page, [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var problems = Paging.Problems(page, pageSize).ToDictionary(p => p.Field, p => new[] { p.Message }, StringComparer.Ordinal);
        if (status is not null && !Statuses.Contains(status))
            problems["status"] = [$"status must be one of {string.Join(", ", Statuses)}, or left out for every email."];
        if (problems.Count > 0) return TypedResults.ValidationProblem(problems, title: "The delivery list query is not valid");
        var (p, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);

        await using var session = user.IsOperator() ? store.QuerySession() : store.QuerySession(user.Tenant()!);
        var query = user.IsOperator() ? session.Query<EmailDelivery>().Where(d => d.AnyTenant()) : session.Query<EmailDelivery>();
        query = status switch
        {
            "pending" => query.Where(d => d.Status == DeliveryStatus.Pending && d.Attempts == 0),
            "failing" => query.Where(d => d.Status == DeliveryStatus.Pending && d.Attempts > 0),
            "sent" => query.Where(d => d.Status == DeliveryStatus.Sent),
            "dead" => query.Where(d => d.Status == DeliveryStatus.Dead),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(d => d.QueuedAt).ThenBy(d => d.Id).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new DeliveryPage(p, size, total, [.. rows.Select(d => Row(d, d.Version))]));
    }

    /// <summary>
    /// The email's school is the caller's (the trust's for the trust lead); the operator's is found among every school's.
    /// Then the one change path in that school: 428 → 404 → 412 → 409 → retry requested, with the new ETag.
    /// </summary>
    private static async Task<Results<Ok<DeliveryRow>, ValidationProblem, ProblemHttpResult>> Retry(
        Guid id, HttpContext http, IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        string? tenant = user.Tenant();
        if (user.IsOperator())
        {
            await using var everySchool = store.QuerySession();
            tenant = (await everySchool.Query<EmailDelivery>().Where(d => d.AnyTenant() && d.Id == id).FirstOrDefaultAsync(ct))?.SchoolUrn;
        }
        ProblemHttpResult NotFound() => Rejections.NotFound("Email delivery", user.IsOperator() ? "in the trust" : "in your school");
        if (tenant is null) return NotFound();

        await using var session = store.LightweightSession(tenant);
        return await Change.Apply<EmailDelivery, DeliveryRow>(http, session, user, time, id, RetryDelivery.Decide,
            applied => Row(RetryDelivery.After(applied.Before!, applied.Decision), applied.Version),
            new ChangeRules<EmailDelivery> { NotFound = NotFound });
    }

    private static DeliveryRow Row(EmailDelivery d, long version) => new(
        d.Id, d.SchoolUrn, d.RecipientId, d.Address, d.Urgency, DeliveryDecisions.StatusOf(d),
        d.Attempts, d.TotalAttempts, d.LastError, d.QueuedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.SentAt, version);
}
