namespace TrustSafety.FilteringIngest.Tests.ReceivingWebhooks;

/// <summary>A source's configured rate is the rate it gets: the bucket refills at exactly that many requests a second.</summary>
public sealed class SourceRateTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void the_bucket_refills_at_the_configured_rate_and_holds_one_seconds_worth(int perSecond)
    {
        var bucket = SourceRateLimiter.Bucket(perSecond);
        var refilledPerSecond = bucket.TokensPerPeriod / bucket.ReplenishmentPeriod.TotalSeconds;
        refilledPerSecond.ShouldBe(perSecond, tolerance: perSecond * 0.001);
        bucket.TokenLimit.ShouldBe(perSecond);
        bucket.ReplenishmentPeriod.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        bucket.QueueLimit.ShouldBe(0);
    }

    [Fact]
    public void a_source_at_two_a_second_that_spent_its_bucket_is_told_to_wait_about_half_a_second()
    {
        using var limiter = new SourceRateLimiter();
        var source = Guid.NewGuid();
        limiter.TryAcquire(source, 2).ShouldBeNull();
        limiter.TryAcquire(source, 2).ShouldBeNull();
        var wait = limiter.TryAcquire(source, 2).ShouldNotBeNull();
        wait.ShouldBeGreaterThan(TimeSpan.FromMilliseconds(200), "one token comes back every 500 ms at 2 a second");
    }
}
