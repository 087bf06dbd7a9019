namespace Weir.Hub.Tests.Support;

/// <summary>A fact that needs <c>WEIR_TEST_POSTGRES</c>: skipped with a reason when unset, unless CI=true (then it runs and fails).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresTestDatabase.SkipReason;
    }
}
