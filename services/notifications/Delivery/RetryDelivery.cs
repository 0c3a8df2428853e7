using TrustSafety.EventSourcing;

namespace TrustSafety.Notifications.Delivery;

/// <summary>Someone who watches delivery sends a dead-lettered email again (on the one change path: If-Match is the delivery's version).</summary>
public static class RetryDelivery
{
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
}
