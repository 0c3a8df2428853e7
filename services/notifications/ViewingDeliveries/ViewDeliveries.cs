using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Notifications.Delivery;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Notifications.ViewingDeliveries;

public sealed record DeliveryPage(int Page, int PageSize, int Total, IReadOnlyList<DeliveryRow> Items);

/// <summary>
/// The delivery record and dead-letter view: the school's DSL sees their school's emails, the trust lead the trust's, the
/// trust IT admin (the operator) every school's. Dead-lettered emails can be sent again (<c>RetryingDeliveries/</c>).
/// </summary>
public static class ViewDeliveries
{
    private static readonly string[] Statuses = ["pending", "failing", "sent", "dead"];

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/deliveries", List).RequireAuthorization(Callers.DeliveryReaders).WithName("ListEmailDeliveries")
            .WithSummary("Emails and their delivery (pending, failing, sent, dead), newest first; status filters, e.g. status=dead.");

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
        return TypedResults.Ok(new DeliveryPage(p, size, total, [.. rows.Select(d => DeliveryRow.Of(d, d.Version))]));
    }
}
