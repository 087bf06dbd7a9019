using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Weir.Hub.Hosting;
using Weir.Hub.Registry;
using Weir.Hub.Web.Accounts;
using Weir.Hub.Web.Downloads;
using Weir.Hub.Web.Home;
using Weir.Hub.Web.Indexing;
using Weir.Hub.Web.Layout;
using Weir.Hub.Web.Modules;
using Weir.Hub.Web.Repositories;
using Weir.Hub.Web.Search;
using Weir.Hub.Web.Sessions;
using Weir.Hub.Web.Tokens;

namespace Weir.Hub.Web;

/// <summary>
/// The hub's web pages, served at <c>/</c> next to the registry: home, search, users and organisations,
/// repositories and modules, sign-in, access tokens. Rendered on the server as plain HTML (no front-end
/// build; one small script adds copy buttons), with download counting and search indexing behind them.
/// </summary>
internal static class WebFeature
{
    public static void AddServices(IServiceCollection services, HubPaths paths)
    {
        // Keys that sign session cookies and anti-forgery tokens live with the hub's other keys, so
        // sessions survive restarts and every instance sharing the data directory accepts them.
        var keys = Path.Combine(paths.Root, "keys", "web");
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(keys);
        }
        else
        {
            Directory.CreateDirectory(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("weir-hub");
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "weir_antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.HttpOnly = true;
            options.FormFieldName = "_csrf";
            options.HeaderName = null;

            // The pages send X-Frame-Options: DENY themselves.
            options.SuppressXFrameOptionsHeader = true;
        });

        services.AddSingleton<SessionCookie>();
        services.AddSingleton<ModuleArtifactReader>();
        services.AddSingleton<ModuleInspector>();
        services.AddSingleton<DownloadCounter>();
        services.AddSingleton<IManifestObserver>(provider => provider.GetRequiredService<DownloadCounter>());
        services.AddHostedService(provider => provider.GetRequiredService<DownloadCounter>());
        services.AddSingleton<RepositoryIndexer>();
        services.AddSingleton<IManifestObserver>(provider => provider.GetRequiredService<RepositoryIndexer>());
        services.AddHostedService(provider => provider.GetRequiredService<RepositoryIndexer>());
    }

    public static void Map(WebApplication application)
    {
        StaticAssets.Map(application);
        application.MapGet(WebPaths.Home, HomePage.HandleAsync);
        application.MapGet(WebPaths.Search, SearchPage.HandleAsync);
        application.MapGet("/users/{name}", AccountPages.UserAsync);
        application.MapGet("/orgs/{name}", AccountPages.OrganizationAsync);
        SessionPages.Map(application);
        TokensPage.Map(application);
        RepositoryRoutes.Map(application);
    }
}
