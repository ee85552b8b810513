import XiangxingCore

/// Opens the backend a location names.
enum Backends {
    static func postgres(_ location: PostgresLocation) throws -> any StoreBackend {
        throw StoreError.database(store: location.displayName,
                                  Bilingual(zh: "这一版本还不能使用 PostgreSQL", en: "this build cannot use PostgreSQL yet"))
    }

    static func cities(_ location: PostgresLocation) throws -> [String] {
        throw StoreError.database(store: location.displayName,
                                  Bilingual(zh: "这一版本还不能使用 PostgreSQL", en: "this build cannot use PostgreSQL yet"))
    }
}
