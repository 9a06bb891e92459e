from django.urls import path, register_converter

from . import views

app_name = "share"


class DigestConverter:
    regex = "[0-9a-f]{16}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(DigestConverter, "digest")

urlpatterns = [
    path("delen/<int:page_id>-<digest:digest>.png", views.share_image, name="image"),
]
