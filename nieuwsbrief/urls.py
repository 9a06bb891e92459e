from django.urls import path

from . import views

app_name = "nieuwsbrief"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("<int:pk>/", views.edition, name="edition"),
    path("aanmelden/", views.signup, name="signup"),
    path("aanmelden/bedankt/", views.thanks, name="thanks"),
    path("bevestig/<str:token>/", views.confirm, name="confirm"),
    path("keuzes/<str:token>/", views.manage, name="manage"),
    path("keuzes/<str:token>/gegevens.json", views.data, name="data"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
