using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Notifications.Notices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Notifications.Delivery;

public sealed record DeliveryRow(
    Guid Id, string School, string RecipientId, string Address, Urgency Urgency, string Status, int Attempts, int TotalAttempts,
    string? LastError, DateTimeOffset QueuedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? SentAt);

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
            .WithSummary("Sends a dead-lettered email again (409 when it is pending or sent).");
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
        return TypedResults.Ok(new DeliveryPage(p, size, total, [.. rows.Select(Row)]));
    }

    private static async Task<Results<Ok<DeliveryRow>, NotFound, ProblemHttpResult>> Retry(
        Guid id, IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        string? tenant = user.Tenant();
        if (user.IsOperator())
        {
            await using var everySchool = store.QuerySession();
            tenant = (await everySchool.Query<EmailDelivery>().Where(d => d.AnyTenant() && d.Id == id).FirstOrDefaultAsync(ct))?.SchoolUrn;
        }
        if (tenant is null) return TypedResults.NotFound();

        await using var session = store.LightweightSession(tenant);
        var stream = await session.Events.FetchForWriting<EmailDelivery>(id, ct);
        if (stream.Aggregate is not { } delivery) return TypedResults.NotFound();
        if (DeliveryDecisions.Retry(delivery, user.Id, time.GetUtcNow()) is not { } retry)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Only a dead-lettered email can be sent again",
                detail: $"This email is {Row(delivery).Status}: a pending one is already being retried, a sent one reached the relay.");
        stream.AppendOne(retry);
        await session.SaveChangesAsync(ct);
        delivery.Apply(retry);
        return TypedResults.Ok(Row(delivery));
    }

    private static DeliveryRow Row(EmailDelivery d) => new(
        d.Id, d.SchoolUrn, d.RecipientId, d.Address, d.Urgency,
        d.Status switch { DeliveryStatus.Sent => "sent", DeliveryStatus.Dead => "dead", _ => d.Attempts > 0 ? "failing" : "pending" },
        d.Attempts, d.TotalAttempts, d.LastError, d.QueuedAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.SentAt);
}
