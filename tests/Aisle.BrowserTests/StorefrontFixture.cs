using System.Net;
using System.Net.Sockets;
using Aisle.Tests.Api;
using Microsoft.Playwright;

namespace Aisle.BrowserTests;

/// <summary>
/// The real Aisle (frontend and embedded silo, real catalog and model) on real Kestrel at a fixed loopback port below
/// the ephemeral range, and one headless Chromium for the whole class. Chromium is the distribution's
/// (<c>/usr/bin/chromium</c>, installed by .ci/run); Playwright's own browser download is never used.
/// </summary>
public sealed class StorefrontFixture : IAsyncLifetime
{
    /// <summary>Where Chromium is; <c>AISLE_CHROMIUM</c> overrides it.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("AISLE_CHROMIUM") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "aisle-browser-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public AisleApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's address as the browser sees it, e.g. <c>http://127.0.0.1:24567</c> (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>Repository root's <c>artifacts/screenshots</c> (git ignores <c>/artifacts/</c>; CI keeps it).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {ChromiumPath}: install it (apt-get install -y chromium, as .ci/run does) or set AISLE_CHROMIUM.");
        }

        var port = FreePortBelowEphemeralRange();
        BaseUrl = $"http://127.0.0.1:{port}";
        // "urls" overrides AisleApp's port 0: a port below 32768 never collides with the ephemeral ports the other
        // test assembly's apps (and their silos) are given while both assemblies run at once.
        App = await AisleApp.StartAsync(_dataDirectory, new Dictionary<string, string?> { ["urls"] = BaseUrl });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Containers run CI as root, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    /// <summary>A transparent 1×1 GIF.</summary>
    private static readonly byte[] BlankGif = Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    /// <summary>A fresh browser context (its own cookies, so its own shopper) of the given width, on the app.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        // Fail fast on a missing element: each step of a page answers in well under a second once the app is warm.
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        // Only the app is reachable, as in CI without a network: catalog images on the product feed's hosts answer at
        // once with a blank image instead of holding a page's load event for their connect timeout (a search waited
        // past 30 s for it once under stress). A blank image, not an error: a failed one is swapped for the
        // placeholder by script, and a screenshot taken mid-swap measured 2 px of overflow on a phone.
        await context.RouteAsync(url => !new Uri(url).IsLoopback && new Uri(url).Scheme.StartsWith("http", StringComparison.Ordinal),
            route => route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "image/gif", BodyBytes = BlankGif }));
        return await context.NewPageAsync();
    }

    /// <summary>A port that is free now, from 20000–32767: below Linux's ephemeral range and clear of the ports
    /// Chromium refuses to connect to (all of which are lower).</summary>
    private static int FreePortBelowEphemeralRange()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free loopback port between 20000 and 32767.");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aisle.sln")))
            {
                return directory.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
