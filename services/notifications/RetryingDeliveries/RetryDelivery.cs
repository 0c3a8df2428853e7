using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using TrustSafety.EventSourcing;
using TrustSafety.Notifications.Delivery;
using TrustSafety.ServiceDefaults.Auth;

namespace TrustSafety.Notifications.RetryingDeliveries;

/// <summary>Someone who watches delivery sends a dead-lettered email again (on the one change path: If-Match is the delivery's version).</summary>
public static class RetryDelivery
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/deliveries/{id:guid}/retry", Retry).RequireAuthorization(Callers.DeliveryReaders).WithName("RetryEmailDelivery")
            .WithSummary("Sends a dead-lettered email again (If-Match: the delivery's version; 409 when it is pending or sent).")
            .RequiresIfMatch() // before the school of the email is looked for: a request without it is a 428, found or not
            .ProducesChangeProblems();

    /// <summary>Pure: only a dead-lettered email can be asked for again (409 for a pending or a sent one).</summary>
    public static Decision Decide(EmailDelivery delivery, Actor actor, DateTimeOffset now) =>
        DeliveryDecisions.Retry(delivery, actor.Id, now) is { } retry
            ? Decision.Accept(retry)
            : Decision.Conflict("Only a dead-lettered email can be sent again",
                $"This email is {DeliveryDecisions.StatusOf(delivery)}: a pending one is already being retried, a sent one reached the relay.");

    /// <summary>The delivery as the accepted decision leaves it.</summary>
    public static EmailDelivery After(EmailDelivery delivery, Decision decision)
    {
        foreach (var retry in decision.Events.OfType<EmailRetryRequested>()) delivery.Apply(retry);
        return delivery;
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
        return await Change.Apply<EmailDelivery, DeliveryRow>(http, session, user, time, id, Decide,
            applied => DeliveryRow.Of(After(applied.Before!, applied.Decision), applied.Version),
            new ChangeRules<EmailDelivery> { NotFound = NotFound });
    }
}
