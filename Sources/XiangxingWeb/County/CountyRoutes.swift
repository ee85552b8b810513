import Hummingbird

/// The county pages (issue 11).
public enum CountyRoutes {
    public static func add(to router: Router<WebContext>) {
    }
}
