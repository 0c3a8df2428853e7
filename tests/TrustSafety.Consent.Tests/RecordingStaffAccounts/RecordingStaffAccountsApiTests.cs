using TrustSafety.Consent.RecordingStaffAccounts;
using static TrustSafety.Consent.Tests.Fixtures.RosterSteps;

namespace TrustSafety.Consent.Tests.RecordingStaffAccounts;

/// <summary>POST /roster/staff-accounts on the one change path, through the API on a real PostgreSQL.</summary>
public sealed class RecordingStaffAccountsApiTests(ConsentApiFixture fixture) : IClassFixture<ConsentApiFixture>
{
    [Fact]
    public async Task staff_accounts_are_recorded_once_and_a_dry_run_records_nothing()
    {
        var dsl = await fixture.ClientFor("dsl.caldecote");
        const string csv = "Staff ID,Account\nstaff-a,A.Jones@caldecote.sch.uk\nstaff-a,ajones\nstaff-b,b.patel@caldecote.sch.uk\n";
        Task<HttpResponseMessage> Send(string query) =>
            dsl.PostAsync($"/roster/staff-accounts{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

        (await Answer<StaffAccountsResult>(await Send("?dryRun=true"))).ShouldBe(new StaffAccountsResult(true, 2, 2, 0));
        (await Answer<StaffAccountsResult>(await Send(""))).ShouldBe(new StaffAccountsResult(false, 2, 2, 0), "the dry run recorded nothing");
        (await Answer<StaffAccountsResult>(await Send(""))).ShouldBe(new StaffAccountsResult(false, 2, 0, 2));

        await using var session = fixture.Store.QuerySession("141002");
        var staff = await session.LoadAsync<StaffAccounts>(StreamIds.StaffAccounts("staff-a"));
        staff!.Accounts.ShouldBe(["a.jones@caldecote.sch.uk", "ajones"], ignoreOrder: true);
    }
}
