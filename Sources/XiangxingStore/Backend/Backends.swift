import XiangxingCore

/// Opens the backend a location names.
enum Backends {
    static func postgres(_ location: PostgresLocation) throws -> any StoreBackend {
        try PostgresBackend.shared(location)
    }

    static func cities(_ location: PostgresLocation) throws -> [String] {
        try PostgresBackend.cities(location)
    }
}
