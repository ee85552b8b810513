import Hummingbird

/// The trainer pages (issue 11).
public enum TrainerRoutes {
    public static func add(to router: Router<WebContext>) {
    }
}
