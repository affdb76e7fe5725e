// SPDX-License-Identifier: MIT
#include "storage/SecretStores.h"

#include "storage/MemorySecretStore.h"
#ifdef TOKENSCOPE_HAVE_KEYCHAIN
#include "storage/KeychainSecretStore.h"
#endif

#include <QMutex>
#include <QMutexLocker>

std::shared_ptr<SecretStore> SecretStores::shared()
{
    static QMutex mutex;
    // weak: the keychain store owns a worker thread, which must stop while Qt is still up, not at static
    // destruction after main() returned.
    static std::weak_ptr<SecretStore> current;
    static std::shared_ptr<SecretStore> memory;
    QMutexLocker lock(&mutex);
    if (auto existing = current.lock())
        return existing;
    std::shared_ptr<SecretStore> store;
#ifdef TOKENSCOPE_HAVE_KEYCHAIN
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        store = std::make_shared<KeychainSecretStore>();
#endif
    if (!store) {
        if (!memory)
            memory = std::make_shared<MemorySecretStore>();
        store = memory;
    }
    current = store;
    return store;
}
