using TrustSafety.Notifications.Delivery;

namespace TrustSafety.Notifications.Tests.Delivery;

public sealed class DeliveryDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan[] Delays = [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10)];

    [Theory]
    [InlineData(0, 30)]
    [InlineData(1, 120)]
    [InlineData(2, 600)]
    public void each_failed_attempt_waits_longer_before_the_next(int attemptsSoFar, int waitSeconds)
    {
        var failed = DeliveryDecisions.AfterFailure(new EmailDelivery { Attempts = attemptsSoFar }, "refused", Now, Delays)
            .ShouldBeOfType<EmailAttemptFailed>();
        failed.Attempt.ShouldBe(attemptsSoFar + 1);
        failed.NextAttemptAt.ShouldBe(Now.AddSeconds(waitSeconds));
    }

    [Fact]
    public void when_the_delays_run_out_the_email_is_dead_lettered()
    {
        var dead = DeliveryDecisions.AfterFailure(new EmailDelivery { Attempts = 3 }, new string('x', 2000), Now, Delays)
            .ShouldBeOfType<EmailDeadLettered>();
        dead.Attempt.ShouldBe(4);
        dead.Error.Length.ShouldBe(500);
    }

    [Theory]
    [InlineData(DeliveryStatus.Dead, true)]
    [InlineData(DeliveryStatus.Pending, false)]
    [InlineData(DeliveryStatus.Sent, false)]
    public void only_a_dead_lettered_email_can_be_sent_again(DeliveryStatus status, bool allowed)
    {
        (DeliveryDecisions.Retry(new EmailDelivery { Status = status }, "dsl", Now) is not null).ShouldBe(allowed);
    }
}
