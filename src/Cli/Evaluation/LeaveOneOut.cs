namespace Aisle.Cli.Evaluation;

/// <summary>
/// The standard leave-one-out split: a user's last item is the test item, the one before it the validation item,
/// the rest training. Users with fewer than three items cannot be split and are left out.
/// </summary>
public sealed record LeaveOneOut(string UserId, IReadOnlyList<string> Training, string Validation, string Test)
{
    public const int MinItems = 3;

    public static LeaveOneOut? Split(UserSequence user)
    {
        var items = user.Items;
        return items.Count < MinItems
            ? null
            : new LeaveOneOut(user.UserId, items.Take(items.Count - 2).ToArray(), items[^2], items[^1]);
    }
}
