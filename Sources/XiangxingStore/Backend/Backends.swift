import XiangxingCore

/// Opens the backend a location names.
enum Backends {
    static func postgres(_ location: PostgresLocation) throws -> any StoreBackend {
        throw StoreError.database(store: location.displayName,
                                  Bilingual(zh: "这一版本还不能使用 PostgreSQL", en: "this build cannot use PostgreSQL yet"))
    }
}
