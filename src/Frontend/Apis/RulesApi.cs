using Aisle.Frontend.Hosting;
using Aisle.Frontend.Application;
using Aisle.Frontend.Security;
using Aisle.Recommendations;

namespace Aisle.Frontend.Apis;

/// <summary>Merchandising rules (boost, bury, pin by product, brand or category), behind the admin API key.</summary>
public static class RulesApi
{
    public const int MaxRules = 200;

    /// <summary>One rule on the wire: action boost | bury | pin, target product | brand | category, the value to match,
    /// and for boost and bury the score amount (0–10, default 0.5; scores are sums of terms in [0, 1]).</summary>
    public sealed record RuleBody(string? Action, string? Target, string? Value, double? Amount);

    public sealed record RuleSet(IReadOnlyList<RuleBody?>? Rules);

    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        // Under /api/admin, so the AdminApiKey middleware guards it.
        var admin = app.MapGroup(AdminApiKey.PathPrefix + "/rules").WithTags("Admin").WithBodyLimit(BodyLimits.Rules);
        admin.MapGet("", GetAsync)
            .WithName("GetRules")
            .WithSummary("The merchandising rules in force (needs X-Api-Key).")
            .Produces<RuleSet>();
        admin.MapPut("", SetAsync)
            .WithName("SetRules")
            .WithSummary("Replace every merchandising rule (needs X-Api-Key).")
            .Produces<RuleSet>()
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<IResult> GetAsync(IGrainFactory grains) =>
        TypedResults.Ok(ToBody(await grains.GetGrain<IRulesGrain>(0).GetAsync()));

    public static async Task<IResult> SetAsync(RuleSet body, IGrainFactory grains)
    {
        var v = new RequestValidator();
        var rules = new List<BusinessRule>();
        if (body.Rules is null)
        {
            // Found by the body-limit test: a body without "rules" (a typo, another document) replaced every rule with
            // none. Removing every rule takes an explicit empty list.
            v.Fail("rules", "rules is required; send [] to remove every rule.");
        }

        var given = body.Rules ?? [];
        if (given.Count > MaxRules)
        {
            v.Fail("rules", $"at most {MaxRules} rules.");
        }

        for (var i = 0; i < given.Count && i < MaxRules; i++)
        {
            var r = given[i];
            if (r is null)
            {
                // JSON allows [null]; found by the API fuzz test (it was a 500).
                v.Fail($"rules[{i}]", "A rule must be an object.");
                continue;
            }

            var ok = true;
            if (!Enum.TryParse<RuleAction>(r.Action, ignoreCase: true, out var action) || !Enum.IsDefined(action))
            {
                v.Fail($"rules[{i}].action", "action must be boost, bury or pin.");
                ok = false;
            }

            if (!Enum.TryParse<RuleTarget>(r.Target, ignoreCase: true, out var target) || !Enum.IsDefined(target))
            {
                v.Fail($"rules[{i}].target", "target must be product, brand or category.");
                ok = false;
            }

            if (string.IsNullOrWhiteSpace(r.Value) || r.Value.Length > RequestValidator.MaxQueryLength)
            {
                v.Fail($"rules[{i}].value", $"value must be 1–{RequestValidator.MaxQueryLength} characters.");
                ok = false;
            }

            if (r.Amount is { } amount && (!double.IsFinite(amount) || amount < 0 || amount > 10))
            {
                v.Fail($"rules[{i}].amount", "amount must be from 0 to 10.");
                ok = false;
            }

            if (ok)
            {
                rules.Add(new BusinessRule(action, target, r.Value!.Trim(), r.Amount ?? 0.5));
            }
        }

        if (!v.IsValid)
        {
            return v.Problem().ToResult();
        }

        return TypedResults.Ok(ToBody(await grains.GetGrain<IRulesGrain>(0).SetAsync(rules)));
    }

    private static RuleSet ToBody(IReadOnlyList<BusinessRule> rules) =>
        new(rules.Select(r => new RuleBody(r.Action.ToString().ToLowerInvariant(), r.Target.ToString().ToLowerInvariant(), r.Value, r.Amount)).ToArray());
}
