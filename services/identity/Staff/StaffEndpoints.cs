using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TrustSafety.Identity.OpenIdConnect;
using TrustSafety.Identity.People;

namespace TrustSafety.Identity.Staff;

/// <summary>
/// <c>GET /staff</c> (through the gateway <c>/api/identity/staff</c>): the staff of the caller's school — the token's
/// <c>school</c> claim, never a parameter — for choosing an incident's handler. Ids, names and roles only.
/// </summary>
internal static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff", ListStaff)
            .RequireAuthorization(StaffApiAuthentication.StaffDirectoryPolicy)
            .WithName("ListSchoolStaff")
            .WithSummary("The staff accounts of the caller's school (subject id, name, roles), safeguarding team first; DSL, deputy DSL and headteacher only.");
        return app;
    }

    private static async Task<Results<Ok<SchoolStaff>, ValidationProblem>> ListStaff(
        HttpContext context, PeopleDirectory people, [FromQuery(Name = "role")] string[]? role, CancellationToken cancellationToken)
    {
        var wanted = (role ?? []).Select(r => r.Trim()).ToList();
        var unknown = wanted.Where(r => !StaffDirectory.StaffRoles.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]>(StringComparer.Ordinal)
                {
                    ["role"] = [.. unknown.Select(r =>
                        $"'{r}' is not a staff role: use one or more of {string.Join(", ", StaffDirectory.StaffRoles)}, or leave role out for all staff.")],
                },
                title: "The staff list query is not valid");
        }

        // The policy guarantees the claim; the school comes from the validated token only.
        var school = context.User.FindFirst(TrustSafetyClaims.School)!.Value;
        return TypedResults.Ok(StaffDirectory.Of(await people.OfSchoolAsync(school, cancellationToken), school, wanted));
    }
}
