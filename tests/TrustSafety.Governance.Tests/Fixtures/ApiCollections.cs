namespace TrustSafety.Governance.Tests.Fixtures;

/// <summary>
/// The training API tests (recording training and sessions, the audit, the import, the requirements) share one governance
/// service and database, one test at a time, as they did when they were one class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class TrainingApiCollection : ICollectionFixture<GovernanceFixture>
{
    public const string Name = "governance training API";
}

/// <summary>
/// The API tests of the policy register, the online-safety group and technology risk assessments share one governance
/// service and database, one test at a time, as they did when they were one class.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RecordsApiCollection : ICollectionFixture<GovernanceFixture>
{
    public const string Name = "governance policies, group and risk assessments API";
}
