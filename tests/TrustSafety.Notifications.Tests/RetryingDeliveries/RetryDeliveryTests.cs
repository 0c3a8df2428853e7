using TrustSafety.EventSourcing;
using TrustSafety.Notifications.Delivery;
using TrustSafety.Notifications.RetryingDeliveries;

namespace TrustSafety.Notifications.Tests.RetryingDeliveries;

public sealed class RetryDeliveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Dsl = new("dsl-1", "Dee Esel", ["dsl"]);

    [Theory]
    [InlineData(DeliveryStatus.Dead, 4, true, null)]
    [InlineData(DeliveryStatus.Pending, 0, false, "This email is pending: a pending one is already being retried, a sent one reached the relay.")]
    [InlineData(DeliveryStatus.Pending, 2, false, "This email is failing: a pending one is already being retried, a sent one reached the relay.")]
    [InlineData(DeliveryStatus.Sent, 1, false, "This email is sent: a pending one is already being retried, a sent one reached the relay.")]
    public void only_a_dead_lettered_email_is_sent_again_and_any_other_is_a_conflict_naming_its_state(
        DeliveryStatus status, int attempts, bool accepted, string? detail)
    {
        var delivery = new EmailDelivery { Id = Guid.NewGuid(), Status = status, Attempts = attempts, TotalAttempts = attempts };

        var decision = RetryDelivery.Decide(delivery, Dsl, Now);

        decision.Accepted.ShouldBe(accepted);
        if (accepted)
        {
            decision.Events.ShouldHaveSingleItem().ShouldBe(new EmailRetryRequested(delivery.Id, "dsl-1", Now));
            var after = RetryDelivery.After(delivery, decision);
            (after.Status, after.Attempts, after.TotalAttempts, after.NextAttemptAt).ShouldBe((DeliveryStatus.Pending, 0, attempts, Now));
        }
        else
        {
            var conflict = decision.Rejection.ShouldBeOfType<NotAllowedNow>();
            conflict.Title.ShouldBe("Only a dead-lettered email can be sent again");
            conflict.Detail.ShouldBe(detail);
            decision.Events.ShouldBeEmpty();
        }
    }
}
