using static TrustSafety.FilteringIngest.Tests.Sources.SourceDecisionGivens;

namespace TrustSafety.FilteringIngest.Tests.Sources;

public sealed class SenderAllowListTests
{
    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", true)]
    [InlineData("10.0.0.0/24", "10.0.0.77", true)]
    [InlineData("10.0.0.0/24", "10.0.1.1", false)]
    [InlineData("127.0.0.1", "::ffff:127.0.0.1", true)]
    [InlineData("::1", "::1", true)]
    public void sender_allow_list(string entry, string sender, bool allowed) =>
        SenderAllowList.Allows([entry], System.Net.IPAddress.Parse(sender)).ShouldBe(allowed);

    [Fact]
    public void routing_takes_the_most_specific_entry_whatever_the_order_then_the_earliest_registration()
    {
        var wide = Owner("wide", Now, "10.5.0.0/24");
        var narrow = Owner("narrow", Now.AddDays(1), "10.5.0.7");
        var sender = System.Net.IPAddress.Parse("10.5.0.7");
        SenderAllowList.Route([wide, narrow], s => s, sender).ShouldBeSameAs(narrow);
        SenderAllowList.Route([narrow, wide], s => s, sender).ShouldBeSameAs(narrow);
        SenderAllowList.Route([narrow, wide], s => s, System.Net.IPAddress.Parse("10.5.0.8")).ShouldBeSameAs(wide);

        var later = Owner("later", Now.AddDays(2), "10.5.0.0/24");
        SenderAllowList.Route([later, wide], s => s, System.Net.IPAddress.Parse("10.5.0.9")).ShouldBeSameAs(wide);
        SenderAllowList.Route([wide, later], s => s, System.Net.IPAddress.Parse("10.5.0.9")).ShouldBeSameAs(wide);
        SenderAllowList.Route([wide, later], s => s, System.Net.IPAddress.Parse("10.6.0.1")).ShouldBeNull();
    }
}
