#ifndef XX_SWAP_H
#define XX_SWAP_H

/// Exchanges two paths atomically (Linux renameat2 with RENAME_EXCHANGE):
/// both must exist; afterwards each name holds what the other held, and no
/// moment exists in which either name is missing. Returns 0, or -1 with
/// errno set (EINVAL or ENOSYS where the kernel or file system cannot).
int xx_exchange_paths(const char *a, const char *b);

#endif
