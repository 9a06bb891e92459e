app_name = "initiatieven"

urlpatterns = []
