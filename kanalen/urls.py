from django.urls import path

from . import views

app_name = "kanalen"

urlpatterns = [
    path("op-uw-website/", views.partner, name="partner"),
    path("op-uw-website/agenda/", views.embed, name="embed"),
    path("op-uw-website/agenda.json", views.events_json, name="json"),
    path("scherm/", views.screen, name="screen"),
]
