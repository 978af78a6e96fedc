namespace Booking.Web.Infrastructure;

/// <summary>
/// Development only: <c>GET /load-ceiling/{name}</c> answers a file from the folder <c>Booking:LoadCeilingFolder</c>
/// names, through the same middleware as every other request. The load harness writes a file exactly the size of the
/// FHIR answer it measures there, so the search is compared with the fastest this app can send the same bytes
/// (docs/performance.md); a static asset of another size would say nothing about the search.
/// </summary>
internal static class LoadCeiling
{
    public const string SettingName = "Booking:LoadCeilingFolder";

    public const string PathPrefix = "/load-ceiling";

    public static void MapLoadCeiling(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() || app.Configuration[SettingName] is not { Length: > 0 } folder)
        {
            return;
        }

        var root = Path.GetFullPath(folder);
        app.MapGet(PathPrefix + "/{name}", (string name) =>
        {
            // Only a plain file name inside the folder: no path of the request reaches the file system beyond it.
            var path = Path.Combine(root, Path.GetFileName(name));
            return File.Exists(path) ? Results.File(path, "application/fhir+json") : Results.NotFound();
        }).AllowAnonymous();
    }
}
