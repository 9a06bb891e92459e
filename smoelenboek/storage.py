"""Member photos live in home's private storage (outside MEDIA_ROOT, no public URL); only
smoelenboek.views.photo reads them. Kept as a module: migrations name `private_storage` here."""

from home.storage import PrivateStorage, private_storage

__all__ = ["PrivateStorage", "private_storage"]
