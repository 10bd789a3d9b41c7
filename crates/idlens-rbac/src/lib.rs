//! RBAC provenance: given a user's roles, their permissions and the direct
//! grants, explain where each permission comes from and compare it with what
//! an access token actually carries.
