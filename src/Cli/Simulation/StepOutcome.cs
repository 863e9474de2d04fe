namespace Aisle.Cli.Simulation;

/// <summary>What a simulated shopper does at one step of its walk.</summary>
public enum StepOutcome
{
    /// <summary>The next item was in the recommendations: click, add to cart and purchase with that list's request id.</summary>
    BuyFromRecommendations,

    /// <summary>Not recommended: search for it.</summary>
    Search,

    /// <summary>Found by search: view and purchase with the search's request id (not attributed to the experiment).</summary>
    BuyFromSearch,

    /// <summary>Not found in Aisle: the shopper got it elsewhere; a view of the item (no request id) teaches its profile.</summary>
    ViewElsewhere,

    /// <summary>Not found in Aisle, and the shopper leaves: its walk ends.</summary>
    Leave,
}
