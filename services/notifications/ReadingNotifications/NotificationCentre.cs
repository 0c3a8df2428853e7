using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TrustSafety.Notifications.Notices;
using TrustSafety.ServiceDefaults.Auth;
using TrustSafety.ServiceDefaults.Http;

namespace TrustSafety.Notifications.ReadingNotifications;

public sealed record NotificationItem(Guid Id, string Kind, Urgency Urgency, string Title, string Link, DateTimeOffset At, bool Read);

public sealed record NotificationPage(int Page, int PageSize, int Total, int Unread, IReadOnlyList<NotificationItem> Items);

/// <summary>
/// The caller's notifications, newest first, with their unread count: those of their own school (the token's) meant for
/// their role, and those meant for them by name (a task given to them); the trust lead's are the trust's. Never another school's.
/// </summary>
public static class NotificationCentre
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/notifications", List).WithName("ListNotifications")
            .WithSummary("The caller's notifications (own school, own role), newest first, paged, with the unread count.");
        group.MapPost("/notifications/{id:guid}/read", MarkRead).WithName("MarkNotificationRead")
            .WithSummary("Marks one of the caller's notifications read (for the caller only); 404 when it is not theirs to see.");
        group.MapPost("/notifications/read", MarkAllRead).WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every notification the caller can see read.");
    }

    private static async Task<Results<Ok<NotificationPage>, ValidationProblem>> List(
        IDocumentStore store, CurrentUser user, IOptionsMonitor<NotificationsOptions> options, [FromQuery] int? page, [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var problems = Paging.Problems(page, pageSize).ToList();
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(problems.ToDictionary(p => p.Field, p => new[] { p.Message }, StringComparer.Ordinal),
                title: "The notification list query is not valid");
        var (p, size) = (page ?? 1, pageSize ?? Paging.DefaultPageSize);
        var audiences = user.Audiences();
        if (user.Tenant() is not { } tenant)
            return TypedResults.Ok(new NotificationPage(p, size, 0, 0, []));

        await using var session = store.QuerySession(tenant);
        var visible = Visible(session, user.Id, audiences);
        var total = await visible.CountAsync(ct);
        var items = await visible.OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
            .Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var read = await ReadCountAsync(session, user.Id, audiences, ct);
        var ids = items.Select(n => NotificationRead.IdFor(n.Id, user.Id)).ToArray();
        var readHere = (await session.LoadManyAsync<NotificationRead>(ct, ids)).Select(r => r.NotificationId).ToHashSet();
        return TypedResults.Ok(new NotificationPage(p, size, total, Math.Max(0, total - read),
            [.. items.Select(n => new NotificationItem(n.Id, n.Kind, n.Urgency, n.Title, Delivery.EmailComposer.Link(options.CurrentValue.DashboardBaseUrl, n.LinkPath), n.At, readHere.Contains(n.Id)))]));
    }

    /// <summary>The notifications of a tenant one person sees: their role's audiences and those meant for them by name.</summary>
    public static IQueryable<Notification> Visible(IQuerySession session, string userId, Audience[] audiences) =>
        session.Query<Notification>().Where(n => n.Audience.IsOneOf(audiences) || (n.Audience == Audience.Person && n.RecipientId == userId));

    private static Task<int> ReadCountAsync(IQuerySession session, string userId, Audience[] audiences, CancellationToken ct) =>
        session.Query<NotificationRead>()
            .Where(r => r.UserId == userId && (r.Audience.IsOneOf(audiences) || r.Audience == Audience.Person)).CountAsync(ct);

    /// <summary>The unread count the centre shows (and the daily digest reports).</summary>
    public static async Task<int> UnreadAsync(IQuerySession session, string userId, Audience[] audiences, CancellationToken ct) =>
        Math.Max(0, await Visible(session, userId, audiences).CountAsync(ct) - await ReadCountAsync(session, userId, audiences, ct));

    private static async Task<Results<NoContent, NotFound>> MarkRead(
        Guid id, IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        if (user.Tenant() is not { } tenant) return TypedResults.NotFound();
        await using var session = store.LightweightSession(tenant);
        var notification = await session.LoadAsync<Notification>(id, ct);
        if (notification is null || !user.Sees(notification)) return TypedResults.NotFound();
        session.Store(new NotificationRead
        {
            Id = NotificationRead.IdFor(id, user.Id), NotificationId = id, UserId = user.Id, Audience = notification.Audience,
            At = time.GetUtcNow(),
        });
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> MarkAllRead(IDocumentStore store, CurrentUser user, TimeProvider time, CancellationToken ct)
    {
        var audiences = user.Audiences();
        if (user.Tenant() is not { } tenant) return TypedResults.NoContent();
        await using var session = store.LightweightSession(tenant);
        var ids = await session.Query<Notification>()
            .Where(n => n.Audience.IsOneOf(audiences) || (n.Audience == Audience.Person && n.RecipientId == user.Id))
            .Select(n => new { n.Id, n.Audience }).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var n in ids)
            session.Store(new NotificationRead
            {
                Id = NotificationRead.IdFor(n.Id, user.Id), NotificationId = n.Id, UserId = user.Id, Audience = n.Audience, At = now,
            });
        await session.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
