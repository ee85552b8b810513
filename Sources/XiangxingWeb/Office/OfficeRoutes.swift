import Hummingbird

/// The office pages (issue 11).
public enum OfficeRoutes {
    public static func add(to router: Router<WebContext>) {
    }
}
