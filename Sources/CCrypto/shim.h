#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/rsa.h>
#include <openssl/rand.h>
#include <openssl/err.h>
#include <openssl/sha.h>
#include <openssl/aes.h>
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/crypto.h>

/* Macro constants Swift cannot import when they alias other macros. */
static const int kustos_EVP_PKEY_RSA = EVP_PKEY_RSA;
static const int kustos_EVP_PKEY_EC = EVP_PKEY_EC;
static const int kustos_EVP_CTRL_GCM_GET_TAG = EVP_CTRL_GCM_GET_TAG;
static const int kustos_EVP_CTRL_GCM_SET_TAG = EVP_CTRL_GCM_SET_TAG;
static const int kustos_RSA_PKCS1_OAEP_PADDING = RSA_PKCS1_OAEP_PADDING;

/* OPENSSL_malloc is a macro; EVP_PKEY_CTX_set0_rsa_oaep_label takes ownership of such a buffer. */
static inline void *kustos_openssl_malloc(size_t n) { return OPENSSL_malloc(n); }
