from django.urls import path

from . import views

app_name = "smoelenboek"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile_detail, name="profile"),
    path("foto/<int:pk>/<str:size>.jpg", views.photo, name="photo"),
    path("mijn-profiel/", views.my_profile, name="my_profile"),
    path("mijn-profiel/mijn-gegevens.json", views.export, name="export"),
    path("mijn-profiel/mijn-gegevens.zip", views.export_zip, name="export_zip"),
    path("mijn-profiel/verwijderen/", views.delete_account, name="delete_account"),
    path("account-verwijderd/", views.account_deleted, name="account_deleted"),
]
