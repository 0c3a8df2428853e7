namespace TrustSafety.Governance.Tests.Fixtures;

/// <summary>Givens the API tests share (<c>using static</c>): a person's details for the training register, a policy put on the register.</summary>
public static class ApiGivens
{
    public static object Person(string name, string role = "staff", string joinedOn = "2024-09-01") => new { name, role, joinedOn };

    /// <summary>The policy put on the register (If-Match "0"); its ETag.</summary>
    public static async Task<long> Registered(HttpClient dsl, string code, string title)
    {
        var r = await dsl.Send(HttpMethod.Put, $"/policies/{code}", new { title }, ifMatch: 0);
        r.Status.ShouldBe(HttpStatusCode.OK, r.Body.ToString());
        return r.ETag!.Value;
    }
}
